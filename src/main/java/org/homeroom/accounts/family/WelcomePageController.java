package org.homeroom.accounts.family;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.accounts.Account;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.TooManyRequestsException;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DirectoryCommands;
import org.homeroom.directory.FamilyContact;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.FamilyReach;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.TextMessages;
import org.homeroom.platform.UiLanguages;
import org.homeroom.shared.LanguageTag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The family welcome, offered at the first web sign-in and reachable later as "Your contact
 * details": (1) the family's contacts, where a new or changed one is verified with a code before
 * it is used; (2) the language of the pages, which the next page already speaks; (3) the best
 * times and ways to reach them. Every step can be skipped; finishing (or skipping the last step)
 * settles the welcome, so that later sign-ins go straight to the children.
 */
@Controller
class WelcomePageController {

	static final int STEPS = 3;

	private final FamilyContacts contacts;

	private final FamilyDetails family;

	private final Accounts accounts;

	private final DemoSettings demo;

	private final java.time.Clock clock;

	private final ObjectProvider<TextMessages> texts;

	private final Directory directory;

	WelcomePageController(FamilyContacts contacts, FamilyDetails family, Accounts accounts, DemoSettings demo,
			java.time.Clock clock, ObjectProvider<TextMessages> texts, Directory directory) {
		this.directory = directory;
		this.texts = texts;
		this.contacts = contacts;
		this.family = family;
		this.accounts = accounts;
		this.demo = demo;
		this.clock = clock;
	}

	@GetMapping("/welcome")
	String start() {
		return "redirect:/welcome/contacts";
	}

	// --- Step 1: contacts -----------------------------------------------------------------------

	@GetMapping("/welcome/contacts")
	String contacts(Viewer viewer, @RequestParam(required = false) UUID change, Model model) {
		List<FamilyContact> onFile = contacts.list(viewer);
		if (!model.containsAttribute("contactForm")) {
			Optional<FamilyContact> changing = onFile.stream().filter(contact -> contact.id().equals(change)).findFirst();
			model.addAttribute("contactForm", new ContactForm(
					changing.map(FamilyContact::kind).orElse(DirectoryCommands.ContactKind.EMAIL), "",
					changing.map(FamilyContact::id).orElse(null)));
		}
		ContactForm form = (ContactForm) model.getAttribute("contactForm");
		model.addAttribute("changing", onFile.stream().filter(contact -> contact.id().equals(form.replaces())).findFirst()
			.orElse(null));
		model.addAttribute("contacts", onFile);
		model.addAttribute("staffEntered", onFile.stream().anyMatch(FamilyContact::enteredByStaff));
		model.addAttribute("signInContact", contacts.signInContact(viewer).orElse(""));
		model.addAttribute("welcomeSettled", accounts.account(viewer.name()).welcomeSettled());
		return step(model, 1, "accounts/welcome-contacts");
	}

	@PostMapping("/welcome/contacts")
	String addContact(Viewer viewer, @Validated @ModelAttribute("contactForm") ContactForm form,
			BindingResult result, HttpServletRequest request, Model model) {
		if (!result.hasErrors()) {
			Optional<String> value = family.normaliseContact(form.value());
			boolean email = form.kind() == DirectoryCommands.ContactKind.EMAIL;
			if (value.isEmpty() || value.get().contains("@") != email) {
				result.rejectValue("value", email ? "welcome.contacts.invalid.EMAIL" : "welcome.contacts.invalid.PHONE");
			}
			else if (contacts.list(viewer).stream().anyMatch(contact -> contact.verified() && contact.value().equals(value.get()))) {
				result.rejectValue("value", "welcome.contacts.exists");
			}
		}
		if (result.hasErrors()) {
			return contacts(viewer, null, model);
		}
		FamilyContacts.Added added;
		try {
			added = contacts.add(viewer, form.kind(), form.value(), request.getRemoteAddr());
		}
		catch (TooManyRequestsException ex) {
			model.addAttribute("tooMany", true);
			return contacts(viewer, null, model);
		}
		catch (InvalidInputException ex) {
			result.rejectValue("value", "welcome.contacts.invalid." + form.kind());
			return contacts(viewer, null, model);
		}
		return "redirect:/welcome/contacts/" + added.contact().id() + "/verify"
				+ (form.replaces() == null ? "" : "?replaces=" + form.replaces());
	}

	@GetMapping("/welcome/contacts/{id}/verify")
	String codeForm(Viewer viewer, @PathVariable UUID id, @RequestParam(required = false) UUID replaces,
			Model model) {
		FamilyContact contact = contacts.one(viewer, id);
		if (contact.verified()) {
			return "redirect:/welcome/contacts";
		}
		model.addAttribute("contact", contact);
		model.addAttribute("replaces", replaces);
		model.addAttribute("demo", demo.enabled());
		// Homeroom has no SMS channel yet: outside demo mode a phone's code cannot go out, and the page says so.
		model.addAttribute("sent", contact.kind() == DirectoryCommands.ContactKind.EMAIL || demo.enabled());
		return step(model, 1, "accounts/welcome-verify");
	}

	@PostMapping("/welcome/contacts/{id}/verify")
	String verify(Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "") String code,
			@RequestParam(required = false) UUID replaces, Model model, RedirectAttributes redirect) {
		try {
			contacts.verify(viewer, id, code);
		}
		catch (OneTimeCodes.InvalidCodeException ex) {
			model.addAttribute("invalid", true);
			return codeForm(viewer, id, replaces, model);
		}
		if (replaces != null && !replaces.equals(id)) {
			contacts.remove(viewer, replaces, id);
		}
		redirect.addFlashAttribute("verified", true);
		return "redirect:/welcome/contacts";
	}

	@PostMapping("/welcome/contacts/{id}/code")
	String resend(Viewer viewer, @PathVariable UUID id, @RequestParam(required = false) UUID replaces,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		try {
			contacts.resend(viewer, id, request.getRemoteAddr());
		}
		catch (TooManyRequestsException ex) {
			model.addAttribute("tooMany", true);
			return codeForm(viewer, id, replaces, model);
		}
		redirect.addFlashAttribute("resent", true);
		return "redirect:/welcome/contacts/" + id + "/verify" + (replaces == null ? "" : "?replaces=" + replaces);
	}

	/** Removing asks first, and says beforehand when a contact may not go. */
	@GetMapping("/welcome/contacts/{id}/remove")
	String confirmRemoval(Viewer viewer, @PathVariable UUID id, Model model) {
		FamilyContact contact = contacts.one(viewer, id);
		List<FamilyContact> onFile = contacts.list(viewer);
		boolean last = contact.verified()
				&& onFile.stream().noneMatch(other -> other.verified() && !other.value().equals(contact.value()));
		boolean signIn = contact.value().equals(contacts.signInContact(viewer).orElse(null));
		model.addAttribute("contact", contact);
		model.addAttribute("refusal", last ? "welcome.remove.last" : signIn ? "welcome.remove.sign-in" : null);
		return step(model, 1, "accounts/welcome-remove");
	}

	@PostMapping("/welcome/contacts/{id}/remove")
	String remove(Viewer viewer, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
		try {
			contacts.remove(viewer, id, null);
		}
		catch (InvalidInputException ex) {
			return confirmRemoval(viewer, id, model);
		}
		redirect.addFlashAttribute("removed", true);
		return "redirect:/welcome/contacts";
	}

	// --- Step 2: language -----------------------------------------------------------------------

	@GetMapping("/welcome/language")
	String language(Authentication caller, Model model) {
		List<UiLanguages.LanguageChoice> choices = languageChoices();
		model.addAttribute("languageChoices", choices);
		if (!model.containsAttribute("languageForm")) {
			Account account = accounts.account(caller.getName());
			String current = UiLanguages.chosen(choices, account.preferredLanguage().value())
				.map(UiLanguages.LanguageChoice::tag).orElse(Locale.ENGLISH.toLanguageTag());
			model.addAttribute("languageForm", new LanguageForm(current));
		}
		return step(model, 2, "accounts/welcome-language");
	}

	/**
	 * Saves the language to the account (the pages) and to the guardian records (what the school
	 * sends). A guardian's own regional tag (es-MX) is kept when its language was chosen again.
	 * Any of the district's languages may be chosen, also one the pages are not written in: the
	 * family's messages are then translated into it, and the pages are in English.
	 */
	@PostMapping("/welcome/language")
	String saveLanguage(Authentication caller, Viewer viewer, @ModelAttribute("languageForm") LanguageForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		Optional<UiLanguages.LanguageChoice> chosen = form.language() == null || form.language().length() > 35
				? Optional.empty() : UiLanguages.chosen(languageChoices(), form.language());
		if (chosen.isEmpty()) {
			result.rejectValue("language", "account.language.unsupported");
			return language(caller, model);
		}
		LanguageTag tag = LanguageTag.of(chosen.get().tag());
		accounts.changePreferredLanguage(caller.getName(), tag);
		String onFile = family.familyReach(viewer).preferredLanguage();
		// Saved even when unchanged: the family has confirmed it, so a later SIS import keeps it.
		family.changeFamilyLanguage(viewer, caller.getName(),
				UiLanguages.chosen(List.of(chosen.get()), onFile).isPresent() ? LanguageTag.of(onFile) : tag);
		redirect.addFlashAttribute("languageSaved", true);
		return "redirect:/welcome/reach";
	}

	// --- Step 3: best times and channels --------------------------------------------------------

	@GetMapping("/welcome/reach")
	String reach(Viewer viewer, Model model) {
		if (!model.containsAttribute("reachForm")) {
			FamilyReach reach = family.familyReach(viewer);
			model.addAttribute("reachForm", new ReachForm(reach.preferredChannels(), reach.bestTimes()));
		}
		model.addAttribute("channels", offeredChannels());
		return step(model, 3, "accounts/welcome-reach");
	}

	@PostMapping("/welcome/reach")
	String saveReach(Authentication caller, Viewer viewer, @Validated @ModelAttribute("reachForm") ReachForm form,
			BindingResult result, Model model) {
		if (result.hasErrors()) {
			return reach(viewer, model);
		}
		List<DirectoryCommands.Channel> offered = offeredChannels();
		family.changeFamilyReach(viewer, caller.getName(), form.preferredChannels() == null ? List.of()
				: form.preferredChannels().stream().filter(offered::contains).toList(), form.bestTimes());
		return finish(caller);
	}

	/** SMS is offered as a preference only where the district has it configured (or in demo mode, where texts go to the outbox). */
	private List<DirectoryCommands.Channel> offeredChannels() {
		TextMessages sms = texts.getIfAvailable();
		boolean smsOffered = demo.enabled() || (sms != null && sms.configured());
		return Arrays.stream(DirectoryCommands.Channel.values())
			.filter(channel -> smsOffered || channel != DirectoryCommands.Channel.SMS).toList();
	}

	/** Finishing or skipping the last step: the welcome is settled, and sign-in no longer leads here. */
	@PostMapping("/welcome/finish")
	String finish(Authentication caller) {
		accounts.settleWelcome(caller.getName(), clock.instant());
		return "redirect:/my-children";
	}

	private List<UiLanguages.LanguageChoice> languageChoices() {
		return UiLanguages.familyChoices(directory.languagesFamiliesPrefer());
	}

	private static String step(Model model, int step, String view) {
		model.addAttribute("step", step);
		model.addAttribute("steps", STEPS);
		return view;
	}

	record ContactForm(@NotNull DirectoryCommands.ContactKind kind, @Size(max = 200) String value, UUID replaces) {
	}

	record LanguageForm(String language) {
	}

	record ReachForm(List<DirectoryCommands.Channel> preferredChannels, @Size(max = 200) String bestTimes) {
	}
}
