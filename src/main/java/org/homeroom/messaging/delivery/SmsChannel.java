package org.homeroom.messaging.delivery;

import org.homeroom.messaging.sms.SmsOutbox;
import org.homeroom.messaging.sms.SmsSender;
import org.springframework.stereotype.Component;

/**
 * Announcements by SMS: each family's copy is the subject and the body, with the placeholders
 * filled in, as one plain text. A copy longer than three segments goes as its beginning and a link
 * to the whole of it, as every long text does (see {@link SmsSender#shortened}). It is handed over
 * by the SMS channel's own sender, which paces it with the other texts of the node.
 */
@Component
class SmsChannel {

	private final SmsSender sender;

	SmsChannel(SmsSender sender) {
		this.sender = sender;
	}

	/** The family's text, whole. */
	static String text(Claimed delivery) {
		String subject = MessageRenderer.forFamily(delivery.subject(), delivery.guardianName(), delivery.childNames(),
				delivery.schoolNames());
		String body = MessageRenderer.forFamily(delivery.body(), delivery.guardianName(), delivery.childNames(),
				delivery.schoolNames());
		return subject.strip() + "\n" + body.strip();
	}

	/** The long-text page keeps at most {@link SmsOutbox#MAX_BODY} characters; an announcement may be longer. */
	private static String kept(String text) {
		return text.length() <= SmsOutbox.MAX_BODY ? text : text.substring(0, SmsOutbox.MAX_BODY - 1).strip() + "…";
	}

	/** Sends one claimed delivery to its number; never inside a transaction. */
	SmsSender.Result send(Claimed delivery) throws InterruptedException {
		String text = text(delivery);
		String sent = SmsSender.sentWhole(text) ? text
				: sender.shortened(delivery.id(), delivery.address(), kept(text), delivery.language());
		return sender.send(delivery.address(), sent);
	}
}
