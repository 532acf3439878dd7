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

	private final LanguageVersions versions;

	private final InterpreterLines interpreterLines;

	SmsChannel(SmsSender sender, LanguageVersions versions, InterpreterLines interpreterLines) {
		this.sender = sender;
		this.versions = versions;
		this.interpreterLines = interpreterLines;
	}

	/**
	 * The family's text, whole, in their language: a machine translation starts with a short label
	 * ("[Traducción automática]"), and an untranslated one ends with the interpreter line (with the school office's phone). The length
	 * rules apply to this text, so a translation that runs long goes as its beginning and a link.
	 */
	String text(Claimed delivery) {
		String subject = MessageRenderer.forFamily(delivery.subject(), delivery.guardianName(), delivery.childNames(),
				delivery.schoolNames());
		String body = MessageRenderer.forFamily(delivery.body(), delivery.guardianName(), delivery.childNames(),
				delivery.schoolNames());
		String label = delivery.machineTranslated() ? versions.smsLabel(delivery.language()) + " " : "";
		String interpreter = delivery.untranslated() ? "\n" + interpreterLines.forAnnouncement(delivery.language(), java.util.List.of(delivery.guardianId())) : "";
		return label + subject.strip() + "\n" + body.strip() + interpreter;
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
