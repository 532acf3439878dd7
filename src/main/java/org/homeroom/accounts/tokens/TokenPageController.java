package org.homeroom.accounts.tokens;

import java.security.Principal;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's own API tokens. A new token's secret is shown in the response to the form that made
 * it, once, and is never stored, not even in the session: hence no redirect after creating one.
 * Revoking asks for confirmation on a page of its own, which works without JavaScript.
 */
@Controller
class TokenPageController {

	private final ApiTokens tokens;

	TokenPageController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/account/tokens")
	String list(Principal principal, Model model) {
		if (!model.containsAttribute("tokenForm")) {
			model.addAttribute("tokenForm", new TokenForm("", 90));
		}
		model.addAttribute("tokens", tokens.list(principal.getName()));
		return "accounts/tokens";
	}

	@PostMapping("/account/tokens")
	String create(Principal principal, @Validated @ModelAttribute("tokenForm") TokenForm form, BindingResult result,
			Model model) {
		if (!result.hasErrors()) {
			ApiTokens.IssuedToken issued = tokens.issue(principal.getName(), form.name(), form.expiresInDays());
			model.addAttribute("issued", issued);
			model.addAttribute("tokenForm", new TokenForm("", 90));
		}
		return list(principal, model);
	}

	@GetMapping("/account/tokens/{id}/revoke")
	String confirmRevoke(Principal principal, @PathVariable UUID id, Model model) {
		model.addAttribute("token", tokens.find(principal.getName(), id));
		return "accounts/token-revoke";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(Principal principal, @PathVariable UUID id, RedirectAttributes redirect) {
		TokenView token = tokens.find(principal.getName(), id);
		tokens.revoke(principal.getName(), id);
		redirect.addFlashAttribute("revoked", token.name());
		return "redirect:/account/tokens";
	}

	record TokenForm(@NotBlank @Size(max = 100) String name,
			@NotNull @Min(1) @Max(ApiTokens.MAXIMUM_VALIDITY_DAYS) Integer expiresInDays) {
	}
}
