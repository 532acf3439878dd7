package org.homeroom.messaging.sms;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The whole of a long text ({@code /t/{token}}), opened without signing in: the page asks for a
 * one-time code texted to the phone the link went to, and shows the text once the code is right.
 * The text is shown in the answer to the code, never kept in a session. An unknown or expired link
 * answers 404.
 */
@Controller
class LongTextPageController {

	private final SmsLongTexts longTexts;

	private final SmsOutbox outbox;

	LongTextPageController(SmsLongTexts longTexts, SmsOutbox outbox) {
		this.longTexts = longTexts;
		this.outbox = outbox;
	}

	@GetMapping("/t/{token}")
	String page(@PathVariable String token, Model model) {
		SmsLongTexts.LongText text = longTexts.find(token).orElseThrow(LinkGone::new);
		model.addAttribute("token", token);
		model.addAttribute("phoneEnding", text.phoneEnding());
		model.addAttribute("codeSent", text.codeLive());
		return "messaging/long-text";
	}

	@PostMapping("/t/{token}/code")
	String sendCode(@PathVariable String token, Model model) {
		SmsLongTexts.LongText text = longTexts.find(token).orElseThrow(LinkGone::new);
		boolean sent = longTexts.sendCode(token, outbox);
		model.addAttribute("token", token);
		model.addAttribute("phoneEnding", text.phoneEnding());
		model.addAttribute("codeSent", sent || text.codeLive());
		model.addAttribute("tooManyCodes", !sent);
		return "messaging/long-text";
	}

	@PostMapping("/t/{token}")
	String open(@PathVariable String token, @RequestParam(required = false) String code, Model model) {
		SmsLongTexts.LongText text = longTexts.find(token).orElseThrow(LinkGone::new);
		Optional<String> body = longTexts.open(token, code == null || code.length() > 20 ? null : code);
		model.addAttribute("token", token);
		model.addAttribute("phoneEnding", text.phoneEnding());
		model.addAttribute("codeSent", true);
		body.ifPresentOrElse(found -> model.addAttribute("body", found), () -> model.addAttribute("wrongCode", true));
		return "messaging/long-text";
	}

	@ResponseStatus(HttpStatus.NOT_FOUND)
	static final class LinkGone extends RuntimeException {

		LinkGone() {
			super("No such link", null, false, false);
		}
	}
}
