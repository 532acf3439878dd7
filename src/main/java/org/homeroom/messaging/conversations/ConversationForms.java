package org.homeroom.messaging.conversations;

import java.util.function.Supplier;

import org.homeroom.messaging.attachments.AttachmentsRefusedException;
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
		catch (AttachmentsRefusedException ex) {
			// Each refused file by name, with the reason, in the sender's language; the text is kept, the files are not.
			redirect.addFlashAttribute("error", ex.field());
			redirect.addFlashAttribute("refusals", ex.refusals().stream().map(AttachmentsRefusedException.Refusal::message)
				.toList());
			redirect.addFlashAttribute("body", body);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.field());
			redirect.addFlashAttribute("body", body);
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
}
