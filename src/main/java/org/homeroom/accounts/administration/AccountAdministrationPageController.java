package org.homeroom.accounts.administration;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.StaffAdministration;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.Paging;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Administrators' pages for staff accounts: the list (search, paging, inviting one, several or
 * all), an account's page (roles per school, district administration, a password reset link), and
 * deactivation, which asks for confirmation on a page of its own.
 */
@Controller
class AccountAdministrationPageController {

	private final AccountAdministration administration;

	AccountAdministrationPageController(AccountAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/admin/accounts")
	String list(Viewer caller, @RequestParam(defaultValue = "") @Size(max = 200) String q,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		AccountAdministration.AccountsPage found = administration.list(caller, q, page);
		model.addAttribute("q", q);
		model.addAttribute("results", found);
		model.addAttribute("paging", Paging.of(request, found.page(), AccountAdministration.PAGE_SIZE, found.total(),
				found.items().size()));
		model.addAttribute("invitationLanguage", LocaleContextHolder.getLocale().getLanguage());
		return "accounts/admin-accounts";
	}

	@PostMapping("/admin/accounts/invite")
	String invite(Viewer caller, @RequestParam(name = "staffId", required = false) List<UUID> staffIds,
			@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "en") String language,
			RedirectAttributes redirect) {
		if (staffIds == null || staffIds.isEmpty()) {
			redirect.addFlashAttribute("error", "staffaccounts.invite.none-chosen");
		}
		else {
			redirect.addFlashAttribute("invited", administration.invite(caller, staffIds, language));
		}
		return "redirect:" + listUrl(q);
	}

	@PostMapping("/admin/accounts/invite-all")
	String inviteAll(Viewer caller, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "en") String language, RedirectAttributes redirect) {
		redirect.addFlashAttribute("invited", administration.inviteAllNotYetInvited(caller, q, language));
		return "redirect:" + listUrl(q);
	}

	@GetMapping("/admin/accounts/{id}")
	String detail(Viewer caller, @PathVariable UUID id, Model model) {
		model.addAttribute("detail", administration.detail(caller, id));
		model.addAttribute("schoolRoles", StaffAdministration.SCHOOL_ROLES);
		model.addAttribute("invitationLanguage", LocaleContextHolder.getLocale().getLanguage());
		return "accounts/admin-account";
	}

	@PostMapping("/admin/accounts/{id}/invite")
	String inviteOne(Viewer caller, @PathVariable UUID id, @RequestParam(defaultValue = "en") String language,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("invited", administration.invite(caller, List.of(id), language));
		return "redirect:/admin/accounts/" + id;
	}

	@PostMapping("/admin/accounts/{id}/roles")
	String assignRole(Viewer caller, @PathVariable UUID id, @RequestParam(required = false) UUID schoolId,
			@RequestParam(defaultValue = "") String role, Model model, RedirectAttributes redirect) {
		if (schoolId == null || role.isBlank()) {
			return detailWithError(caller, id, schoolId == null ? "schoolId" : "role", model);
		}
		try {
			administration.assignRole(caller, id, schoolId, role);
		}
		catch (InvalidInputException ex) {
			return detailWithError(caller, id, ex.field(), model);
		}
		redirect.addFlashAttribute("saved", "staffaccounts.roles.granted");
		return "redirect:/admin/accounts/" + id;
	}

	@PostMapping("/admin/accounts/{id}/roles/remove")
	String removeRole(Viewer caller, @PathVariable UUID id, @RequestParam UUID schoolId,
			@RequestParam String role, RedirectAttributes redirect) {
		administration.removeRole(caller, id, schoolId, role);
		redirect.addFlashAttribute("saved", "staffaccounts.roles.revoked");
		return "redirect:/admin/accounts/" + id;
	}

	@PostMapping("/admin/accounts/{id}/district-admin")
	String grantDistrictAdmin(Viewer caller, @PathVariable UUID id, RedirectAttributes redirect) {
		administration.grantDistrictAdmin(caller, id);
		redirect.addFlashAttribute("saved", "staffaccounts.roles.granted");
		return "redirect:/admin/accounts/" + id;
	}

	@PostMapping("/admin/accounts/{id}/district-admin/revoke")
	String revokeDistrictAdmin(Viewer caller, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
		try {
			administration.revokeDistrictAdmin(caller, id);
		}
		catch (InvalidInputException ex) {
			return detailWithError(caller, id, "lastDistrictAdmin", model);
		}
		redirect.addFlashAttribute("saved", "staffaccounts.roles.revoked");
		return "redirect:/admin/accounts/" + id;
	}

	@GetMapping("/admin/accounts/{id}/deactivate")
	String confirmDeactivate(Viewer caller, @PathVariable UUID id, Model model) {
		AccountAdministration.AccountDetail detail = administration.detail(caller, id);
		if (detail.accountId() == null) {
			throw new org.homeroom.platform.NotFoundException("account");
		}
		model.addAttribute("detail", detail);
		return "accounts/admin-account-deactivate";
	}

	@PostMapping("/admin/accounts/{id}/deactivate")
	String deactivate(Viewer caller, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
		try {
			administration.deactivate(caller, id);
		}
		catch (InvalidInputException ex) {
			return detailWithError(caller, id, "account".equals(ex.field()) ? "self" : "lastDistrictAdmin", model);
		}
		redirect.addFlashAttribute("saved", "staffaccounts.deactivated");
		return "redirect:/admin/accounts/" + id;
	}

	@PostMapping("/admin/accounts/{id}/reactivate")
	String reactivate(Viewer caller, @PathVariable UUID id, RedirectAttributes redirect) {
		administration.reactivate(caller, id);
		redirect.addFlashAttribute("saved", "staffaccounts.reactivated");
		return "redirect:/admin/accounts/" + id;
	}

	@PostMapping("/admin/accounts/{id}/password-reset")
	String sendPasswordReset(Viewer caller, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
		try {
			administration.sendPasswordReset(caller, id);
		}
		catch (InvalidInputException ex) {
			return detailWithError(caller, id, "deactivated", model);
		}
		redirect.addFlashAttribute("saved", "staffaccounts.reset.sent-by-admin");
		return "redirect:/admin/accounts/" + id;
	}

	/** The account's page again, with the error beside the field (or action) it concerns. */
	private String detailWithError(Viewer caller, UUID id, String field, Model model) {
		model.addAttribute("errorField", field);
		return detail(caller, id, model);
	}

	private static String listUrl(String q) {
		return UriComponentsBuilder.fromPath("/admin/accounts").queryParamIfPresent("q",
				q.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(q)).encode().build().toUriString();
	}
}
