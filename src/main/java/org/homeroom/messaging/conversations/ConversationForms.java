package org.homeroom.messaging.conversations;

import java.util.function.Supplier;

import org.homeroom.platform.InvalidInputException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Post/redirect/get for a reply form on either side's thread page: the thread again, with "sent",
 * or with the reason the message was refused and what was typed, so that nothing is lost.
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
			redirect.addFlashAttribute("error", ex.field());
			redirect.addFlashAttribute("body", body);
		}
		catch (FamilyUnreachableException | ConversationClosedException ex) {
			redirect.addFlashAttribute("error", "blocked");
			redirect.addFlashAttribute("body", body);
		}
		return "redirect:" + thread;
	}
}
