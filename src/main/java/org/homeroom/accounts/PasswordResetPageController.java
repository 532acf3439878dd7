package org.homeroom.accounts;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.homeroom.shared.EmailAddress;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forgot your password?": a form for the address, answered the same whether or not an account
 * has it, and the page the e-mailed link opens, where the new password is chosen.
 */
@Controller
class PasswordResetPageController {

	private final PasswordResets resets;

	PasswordResetPageController(PasswordResets resets) {
		this.resets = resets;
	}

	@GetMapping("/password-reset")
	String requestForm(Model model) {
		if (!model.containsAttribute("email")) {
			model.addAttribute("email", "");
		}
		return "accounts/password-forgot";
	}

	@PostMapping("/password-reset")
	String request(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model) {
		model.addAttribute("email", email);
		if (!EmailAddress.isValid(email.strip())) {
			model.addAttribute("error", "staffaccounts.forgot.email.invalid");
			return requestForm(model);
		}
		try {
			resets.request(email, request.getRemoteAddr());
		}
		catch (TooManyRequestsException ex) {
			model.addAttribute("tooMany", true);
			return requestForm(model);
		}
		return "redirect:/password-reset?sent";
	}

	@GetMapping("/password-reset/{token}")
	String resetForm(@PathVariable String token, Model model) {
		if (!resets.open(token)) {
			return "accounts/link-invalid";
		}
		model.addAttribute("token", token);
		return "accounts/password-reset";
	}

	@PostMapping("/password-reset/{token}")
	String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirmation, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		String error = PasswordRule.problemWith(password, confirmation).orElse(null);
		if (error == null) {
			try {
				Optional<PasswordResets.Done> done = resets.reset(token, password, request.getRemoteAddr());
				if (done.isPresent()) {
					// Said only when there were tokens: the warning is for someone whose scripts will stop.
					if (done.get().tokensRevoked() > 0) {
						redirect.addFlashAttribute("tokensRevoked", done.get().tokensRevoked());
					}
					return "redirect:/sign-in?reset";
				}
				return "accounts/link-invalid";
			}
			catch (PasswordRule.Refused ex) {
				error = ex.messageKey();
			}
		}
		model.addAttribute("error", error);
		return resetForm(token, model);
	}
}
