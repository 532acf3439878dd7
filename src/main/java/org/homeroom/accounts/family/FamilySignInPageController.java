package org.homeroom.accounts.family;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.homeroom.accounts.Account;
import org.homeroom.accounts.AccountUserDetailsService;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.accounts.TooManyRequestsException;
import org.homeroom.directory.DistrictProfile;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.platform.LanguageParameter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Family sign-in on the web: a contact, then the code sent to it, and (only when a contact is
 * shared by different people) which guardian you are. The contact waits in the session between
 * steps rather than in the address bar, where it would end up in logs and browser history.
 */
@Controller
class FamilySignInPageController {

	static final String CONTACT = FamilySignInPageController.class.getName() + ".contact";

	private final FamilySignIn signIn;

	private final AccountUserDetailsService users;

	private final RememberMeServices rememberedDevices;

	private final SecurityLog log;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final FamilyDetails families;

	private final DistrictProfile district;

	FamilySignInPageController(FamilySignIn signIn, AccountUserDetailsService users, RememberMeServices rememberedDevices,
			SecurityLog log, FamilyDetails families, DistrictProfile district) {
		this.signIn = signIn;
		this.families = families;
		this.district = district;
		this.users = users;
		this.rememberedDevices = rememberedDevices;
		this.log = log;
	}

	@GetMapping("/family/sign-in")
	String contactForm(HttpServletRequest request, Model model) {
		if (!model.containsAttribute("contactForm")) {
			model.addAttribute("contactForm", new ContactForm(""));
		}
		model.addAttribute("districtName", district.name().orElse(null));
		model.addAttribute("langQuery", LanguageParameter.query(request));
		return "accounts/family-sign-in";
	}

	@PostMapping("/family/sign-in")
	String sendCode(@Validated @ModelAttribute("contactForm") ContactForm form, BindingResult result,
			HttpServletRequest request, HttpSession session, Model model) {
		// Neither an e-mail address nor a phone number: said beside the field, before any code is asked for.
		if (!result.hasErrors() && families.normaliseContact(form.contact()).isEmpty()) {
			result.rejectValue("contact", "family.signin.contact.invalid");
		}
		if (result.hasErrors()) {
			return contactForm(request, model);
		}
		try {
			signIn.requestCode(form.contact(), request.getRemoteAddr());
		}
		catch (TooManyRequestsException ex) {
			model.addAttribute("tooMany", true);
			return contactForm(request, model);
		}
		session.setAttribute(CONTACT, form.contact().strip());
		return "redirect:" + LanguageParameter.keep("/family/sign-in/code", request);
	}

	@GetMapping("/family/sign-in/code")
	String codeForm(HttpServletRequest request, HttpSession session, Model model) {
		if (session.getAttribute(CONTACT) == null) {
			return "redirect:" + LanguageParameter.keep("/family/sign-in", request);
		}
		model.addAttribute("contact", session.getAttribute(CONTACT));
		return codePage(request, model);
	}

	/**
	 * The code page, with a way back to change the contact and every school office's number for a
	 * family whose code does not come. Every office, not the family's own: naming the school of the
	 * contact typed in would tell anyone whether that contact is on file, and where.
	 */
	private String codePage(HttpServletRequest request, Model model) {
		model.addAttribute("offices", district.offices());
		model.addAttribute("langQuery", LanguageParameter.query(request));
		return "accounts/family-code";
	}

	@PostMapping("/family/sign-in/code")
	String verify(@RequestParam(defaultValue = "") String code, @RequestParam(required = false) UUID guardianId,
			@RequestParam(name = "remember-me", required = false) String rememberMe, HttpServletRequest request,
			HttpServletResponse response, HttpSession session, Model model) {
		Object contact = session.getAttribute(CONTACT);
		if (contact == null) {
			return "redirect:" + LanguageParameter.keep("/family/sign-in", request);
		}
		FamilySignIn.Outcome outcome;
		try {
			outcome = signIn.verify(contact.toString(), code, guardianId);
		}
		catch (OneTimeCodes.InvalidCodeException ex) {
			model.addAttribute("contact", contact);
			model.addAttribute("invalid", true);
			return codePage(request, model);
		}
		if (outcome.account() == null) {
			model.addAttribute("code", code.strip());
			model.addAttribute("rememberMe", rememberMe);
			model.addAttribute("choices", outcome.choices());
			return "accounts/family-choose";
		}
		session.removeAttribute(CONTACT);
		signInAs(outcome.account(), request, response);
		log.record(SecurityLog.Kind.FAMILY_SIGNED_IN, outcome.account().username(), request.getRemoteAddr(), "web");
		// The welcome (contacts, language, best times) is offered until it is finished or skipped, and while
		// contacts that staff entered wait to be confirmed; the home shows it after unread urgent messages.
		// The home shows unread urgent messages first and offers the rest of the welcome after them.
		return "redirect:" + LanguageParameter.keep("/", request);
	}

	/** Starts a signed-in session, on a new session id so that one fixed before sign-in is useless. */
	private void signInAs(Account account, HttpServletRequest request, HttpServletResponse response) {
		UserDetails user = users.loadById(account.id()).orElseThrow();
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		// Remembers this device only when the "stay signed in" box was ticked.
		rememberedDevices.loginSuccess(request, response, context.getAuthentication());
	}

	record ContactForm(@NotBlank @Size(max = 200) String contact) {
	}
}
