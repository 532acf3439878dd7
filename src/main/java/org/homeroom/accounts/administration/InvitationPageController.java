package org.homeroom.accounts.administration;

import org.homeroom.accounts.PasswordRule;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where an invited member of staff chooses their password. The link proves they hold the address
 * on their staff record; the account is made, with the record's name, when they accept.
 */
@Controller
class InvitationPageController {

	private final AccountAdministration administration;

	InvitationPageController(AccountAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/invitation/{token}")
	String form(@PathVariable String token, Model model) {
		return administration.invitation(token).map(member -> {
			model.addAttribute("member", member);
			model.addAttribute("token", token);
			return "accounts/invitation";
		}).orElse("accounts/link-invalid");
	}

	@PostMapping("/invitation/{token}")
	String accept(@PathVariable String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirmation, Model model) {
		String error = PasswordRule.problemWith(password, confirmation).orElse(null);
		if (error == null) {
			try {
				if (administration.accept(token, password).isPresent()) {
					return "redirect:/sign-in?invited";
				}
				return "accounts/link-invalid";
			}
			catch (PasswordRule.Refused ex) {
				error = ex.messageKey();
			}
		}
		model.addAttribute("error", error);
		return form(token, model);
	}
}
