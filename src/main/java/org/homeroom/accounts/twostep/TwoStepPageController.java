package org.homeroom.accounts.twostep;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.homeroom.accounts.Accounts;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second step at sign-in, setting up an authenticator app and recovery codes, and, for
 * district administrators, the district's rule and resetting someone's second factor.
 */
@Controller
class TwoStepPageController {

	/** The secret being set up, kept in the session until a code from the app proves it was scanned. */
	private static final String PENDING_SECRET = "homeroom.two-step.pending";

	private static final String ISSUER = "Homeroom";

	private final TwoStepSignIn twoStep;

	private final Accounts accounts;

	private final DemoSettings demo;

	TwoStepPageController(TwoStepSignIn twoStep, Accounts accounts, DemoSettings demo) {
		this.twoStep = twoStep;
		this.accounts = accounts;
		this.demo = demo;
	}

	@GetMapping(TwoStepGate.SECOND_STEP)
	String secondStep(Model model) {
		// Half-way through signing in: no navigation, so no badge opens a live stream the gate would refuse.
		model.addAttribute(NavigationItem.WITHOUT_NAVIGATION, true);
		return "accounts/second-step";
	}

	@PostMapping(TwoStepGate.SECOND_STEP)
	String passSecondStep(Principal principal, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
			RedirectAttributes redirect) {
		switch (twoStep.verify(principal.getName(), code, request.getRemoteAddr())) {
			case PASSED -> {
				// A new session id now that the session is worth more than a password.
				request.changeSessionId();
				HttpSession session = request.getSession();
				session.setAttribute(TwoStepGate.PASSED, accounts.account(principal.getName()).username());
				Object next = session.getAttribute(TwoStepGate.CONTINUE);
				session.removeAttribute(TwoStepGate.CONTINUE);
				return "redirect:" + (next instanceof String path && path.startsWith("/") && !path.startsWith("//") ? path : "/");
			}
			case PAUSED -> redirect.addFlashAttribute("paused", true);
			case WRONG -> redirect.addFlashAttribute("wrong", true);
		}
		return "redirect:" + TwoStepGate.SECOND_STEP;
	}

	@GetMapping(TwoStepGate.SETUP)
	String settings(Principal principal, HttpSession session, Model model) {
		String username = principal.getName();
		model.addAttribute("required", twoStep.requiredFor(username));
		twoStep.enabledSince(username).ifPresentOrElse(since -> {
			model.addAttribute("enabledSince", since);
			model.addAttribute("recoveryCodesLeft", twoStep.recoveryCodesLeft(username));
		}, () -> {
			String secret = (String) session.getAttribute(PENDING_SECRET);
			if (secret == null) {
				secret = Totp.newSecret();
				session.setAttribute(PENDING_SECRET, secret);
			}
			model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
			model.addAttribute("qrCode", QrCode.svgDataUri(Totp.provisioningUri(ISSUER, username, secret)));
		});
		return "accounts/two-step";
	}

	/** The recovery codes are shown in the answer to this POST, not after a redirect, so they are never kept. */
	@PostMapping(TwoStepGate.SETUP + "/enable")
	String enable(Principal principal, @RequestParam(defaultValue = "") String code, HttpSession session, Model model) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (secret == null) {
			return "redirect:" + TwoStepGate.SETUP;
		}
		try {
			TwoStepSignIn.Enabled enabled = twoStep.enable(principal.getName(), secret, code);
			session.removeAttribute(PENDING_SECRET);
			session.setAttribute(TwoStepGate.PASSED, accounts.account(principal.getName()).username());
			// The page warns only when tokens went: the warning is for someone whose scripts will stop.
			model.addAttribute("tokensRevoked", enabled.tokensRevoked());
			return recoveryCodes(enabled.recoveryCodes(), model);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("codeError", true);
			return settings(principal, session, model);
		}
	}

	@PostMapping(TwoStepGate.SETUP + "/recovery-codes")
	String newRecoveryCodes(Principal principal, Model model) {
		return recoveryCodes(twoStep.newRecoveryCodes(principal.getName()), model);
	}

	@PostMapping(TwoStepGate.SETUP + "/disable")
	String disable(Principal principal, @RequestParam(defaultValue = "") String code, HttpSession session, Model model,
			RedirectAttributes redirect) {
		try {
			twoStep.disable(principal.getName(), code);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("disableError", true);
			return settings(principal, session, model);
		}
		redirect.addFlashAttribute("disabled", true);
		return "redirect:" + TwoStepGate.SETUP;
	}

	@GetMapping("/admin/two-step/policy")
	String policy(Model model) {
		model.addAttribute("policy", twoStep.policy());
		model.addAttribute("demo", demo.enabled());
		return "accounts/two-step-policy";
	}

	@PostMapping("/admin/two-step/policy")
	String changePolicy(Principal principal, @RequestParam(defaultValue = "false") boolean allStaff,
			@RequestParam(defaultValue = "false") boolean inDemo, RedirectAttributes redirect) {
		twoStep.changePolicy(principal.getName(), new TwoStepSignIn.Policy(allStaff, inDemo));
		redirect.addFlashAttribute("saved", true);
		return "redirect:/admin/two-step/policy";
	}

	/** The confirmation before a reset, reached from an account's page. */
	@GetMapping("/admin/two-step/reset")
	String confirmReset(@RequestParam String account, Model model) {
		model.addAttribute("account", account);
		model.addAttribute("enabled", twoStep.enabledSince(account).isPresent());
		return "accounts/two-step-reset";
	}

	@PostMapping("/admin/two-step/reset")
	String reset(Principal principal, @RequestParam String account, Model model, RedirectAttributes redirect) {
		String refusal = null;
		if (account.strip().equalsIgnoreCase(principal.getName())) {
			refusal = "two-step.reset.self";
		}
		else {
			try {
				twoStep.reset(principal.getName(), account);
			}
			catch (InvalidInputException ex) {
				refusal = "two-step.reset.unknown";
			}
		}
		if (refusal != null) {
			model.addAttribute("account", account);
			model.addAttribute("enabled", false);
			model.addAttribute("error", refusal);
			return "accounts/two-step-reset";
		}
		redirect.addFlashAttribute("reset", true);
		redirect.addAttribute("account", account);
		return "redirect:/admin/two-step/reset";
	}

	private static String recoveryCodes(List<String> codes, Model model) {
		model.addAttribute("codes", codes);
		return "accounts/recovery-codes";
	}
}
