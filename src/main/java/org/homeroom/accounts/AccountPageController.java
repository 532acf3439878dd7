package org.homeroom.accounts;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.homeroom.accounts.twostep.TwoStepSignIn;
import org.homeroom.directory.Directory;
import org.homeroom.directory.StaffAdministration;
import org.homeroom.platform.UiLanguages;
import org.homeroom.shared.LanguageTag;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: who they are, their roles and their language. */
@Controller
class AccountPageController {

	private final Accounts accounts;

	private final RememberedDevices devices;

	private final SecurityLog log;

	private final TwoStepSignIn twoStep;

	private final WebSessions sessions;

	private final StaffAdministration staff;

	private final Directory directory;

	AccountPageController(Accounts accounts, RememberedDevices devices, SecurityLog log, TwoStepSignIn twoStep,
			WebSessions sessions, StaffAdministration staff, Directory directory) {
		this.directory = directory;
		this.accounts = accounts;
		this.devices = devices;
		this.log = log;
		this.twoStep = twoStep;
		this.sessions = sessions;
		this.staff = staff;
	}

	@GetMapping("/account")
	String show(Principal principal, Model model, HttpSession session) {
		Account account = accounts.account(principal.getName());
		// A family's sign-in name is an internal id, not an address worth showing.
		String email = account.username().startsWith(Account.FAMILY_PREFIX) ? null : account.username();
		// Roles held at a school come from the staff record, and count as much as the account's own.
		java.util.Set<String> schoolRoles = email == null ? java.util.Set.of() : staff.schoolRolesOf(email);
		model.addAttribute("account", new AccountView(account.displayName(), email,
				java.util.stream.Stream.concat(account.roles().stream().map(Role::name),
						schoolRoles.stream()).distinct().sorted().toList()));
		List<UiLanguages.LanguageChoice> choices = languageChoices(account);
		model.addAttribute("languageChoices", choices);
		if (!model.containsAttribute("languageForm")) {
			model.addAttribute("languageForm", new LanguageForm(UiLanguages.chosen(choices, account.preferredLanguage().value())
				.map(UiLanguages.LanguageChoice::tag).orElse(account.preferredLanguage().value())));
		}
		model.addAttribute("devices", devices.of(account.username()));
		if (email != null) {
			model.addAttribute("twoStepOn", twoStep.enabledSince(account.username()).isPresent());
		}
		model.addAttribute("sessions", sessions.of(account.username(), session.getId()));
		return "accounts/account";
	}

	/** Ends one of the user's other web sessions: that browser finds itself signed out. */
	@PostMapping("/account/sessions/end")
	String endSession(Principal principal, @RequestParam String id, HttpSession session, RedirectAttributes redirect) {
		boolean current = sessions.of(principal.getName(), session.getId()).stream()
			.anyMatch(found -> found.current() && found.id().equals(id));
		if (!current && sessions.end(principal.getName(), id)) {
			log.record(SecurityLog.Kind.SESSION_ENDED, principal.getName(), null, null);
			redirect.addFlashAttribute("sessionEnded", true);
		}
		return "redirect:/account";
	}

	/** The device's series is Base64 and may hold a slash, so it travels as a form field, not in the path. */
	@PostMapping("/account/devices/revoke")
	String revokeDevice(Principal principal, @RequestParam String series, RedirectAttributes redirect) {
		devices.revoke(principal.getName(), series);
		log.record(SecurityLog.Kind.DEVICE_SIGNED_OUT, principal.getName(), null, null);
		redirect.addFlashAttribute("deviceRevoked", true);
		return "redirect:/account";
	}

	@PostMapping("/account/language")
	String changeLanguage(Principal principal, @Validated @ModelAttribute("languageForm") LanguageForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpSession session) {
		java.util.Optional<UiLanguages.LanguageChoice> chosen = result.hasErrors() ? java.util.Optional.empty()
				: UiLanguages.chosen(languageChoices(accounts.account(principal.getName())), form.language());
		if (!result.hasErrors() && chosen.isEmpty()) {
			result.rejectValue("language", "account.language.unsupported");
		}
		if (result.hasErrors()) {
			return show(principal, model, session);
		}
		accounts.changePreferredLanguage(principal.getName(), LanguageTag.of(chosen.get().tag()));
		redirect.addFlashAttribute("saved", true);
		return "redirect:/account";
	}

	/**
	 * A family may choose any of the district's languages (pages in English where Homeroom has
	 * none); staff choose among the staff interface languages.
	 */
	private List<UiLanguages.LanguageChoice> languageChoices(Account account) {
		return account.username().startsWith(Account.FAMILY_PREFIX)
				? UiLanguages.familyChoices(directory.languagesFamiliesPrefer()) : UiLanguages.staffChoices();
	}

	record LanguageForm(@NotBlank @Size(max = 35) String language) {
	}

	record AccountView(String name, String email, java.util.List<String> roles) {
	}
}
