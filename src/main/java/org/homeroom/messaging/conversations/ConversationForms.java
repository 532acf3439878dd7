package org.homeroom.messaging.conversations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.homeroom.messaging.attachments.AttachmentsRefusedException;
import org.homeroom.platform.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Post/redirect/get for a reply form on either side's thread page: the thread again, with "sent",
 * or with the reason the message was refused and what was typed, so that nothing is lost. A start
 * page's refused form has no thread to go back to, and is shown again instead.
 */
final class ConversationForms {

	private ConversationForms() {
	}

	static String posted(RedirectAttributes redirect, String thread, Supplier<?> post, String body) {
		try {
			post.get();
			redirect.addFlashAttribute("sent", true);
		}
		catch (InvalidInputException ex) {
			refused(ex, body).forEach(redirect::addFlashAttribute);
		}
		catch (ConversationClosedException ex) {
			redirect.addFlashAttribute("error", "closed");
			redirect.addFlashAttribute("body", body);
		}
		catch (FamilyUnreachableException ex) {
			redirect.addFlashAttribute("error", "blocked");
			redirect.addFlashAttribute("body", body);
		}
		return "redirect:" + thread;
	}

	/**
	 * A start page's form, refused: shown again at once with a 400, the field named and what was
	 * typed kept (the files are not: a browser cannot be handed them back).
	 */
	static void refusedOnPage(InvalidInputException ex, String body, Model model, HttpServletResponse response) {
		model.addAllAttributes(refused(ex, body));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
	}

	/** The field in error, each refused file by name with the reason in the sender's language, and the text. */
	private static Map<String, Object> refused(InvalidInputException ex, String body) {
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("error", ex.field());
		if (ex instanceof AttachmentsRefusedException files) {
			shown.put("refusals", files.refusals().stream().map(AttachmentsRefusedException.Refusal::message).toList());
		}
		if (body != null) {
			shown.put("body", body);
		}
		return shown;
	}
}
