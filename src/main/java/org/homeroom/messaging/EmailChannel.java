package org.homeroom.messaging;

import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.DevOutbox;
import org.homeroom.platform.MailSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP: a plain-text and an HTML part from one rendering, and a Message-ID made from
 * the delivery's id, so that a copy resent after a crash is the same message to the receiving
 * server, which drops the duplicate. In demo mode without a mail server, e-mail goes to the
 * development outbox.
 */
@Component
class EmailChannel {

	private final ObjectProvider<JavaMailSender> sender;

	private final MailSettings mail;

	private final DemoSettings demo;

	private final DevOutbox outbox;

	EmailChannel(ObjectProvider<JavaMailSender> sender, MailSettings mail, DemoSettings demo, DevOutbox outbox) {
		this.sender = sender;
		this.mail = mail;
		this.demo = demo;
		this.outbox = outbox;
	}

	/** Whether there is anywhere to send e-mail; without it, e-mail deliveries wait. */
	boolean available() {
		return demo.enabled() || (mail.configured() && sender.getIfAvailable() != null);
	}

	void send(UUID deliveryId, String to, RenderedMessage message) throws MessagingException {
		JavaMailSender smtp = sender.getIfAvailable();
		if (!mail.configured() || smtp == null) {
			outbox.record(DevOutbox.Channel.EMAIL, to, message.subject(), message.text());
			return;
		}
		Session session = smtp instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
		InternetAddress from = InternetAddress.parse(mail.from())[0];
		MimeMessage mime = compose(session, deliveryId, from, to, message);
		if (demo.enabled()) {
			outbox.record(DevOutbox.Channel.EMAIL, to, message.subject(), message.text());
		}
		smtp.send(mime);
	}

	/** One delivery as e-mail: plain text and HTML from one rendering, its stable Message-ID, and how to unsubscribe. */
	static MimeMessage compose(Session session, UUID deliveryId, InternetAddress from, String to, RenderedMessage message)
			throws MessagingException {
		MimeMessage mime = new StableIdMessage(session, messageId(deliveryId, from));
		mime.setFrom(from);
		mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
		mime.setSubject(message.subject(), "UTF-8");
		if (message.unsubscribeUrl() != null) {
			mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
		}
		MimeBodyPart text = new MimeBodyPart();
		text.setText(message.text(), "UTF-8", "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(message.html(), "UTF-8", "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		mime.setContent(alternative);
		return mime;
	}

	static String messageId(UUID deliveryId, InternetAddress from) {
		String address = from.getAddress();
		String domain = address.substring(address.indexOf('@') + 1);
		return "<" + deliveryId + "@" + domain + ">";
	}

	/** JavaMail gives every message a new Message-ID when it is sent; this one keeps the one it was given. */
	private static final class StableIdMessage extends MimeMessage {

		private final String messageId;

		StableIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}
	}
}
