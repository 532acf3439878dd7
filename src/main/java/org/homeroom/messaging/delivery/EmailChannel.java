package org.homeroom.messaging.delivery;

import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.DevOutbox;
import org.homeroom.platform.MailSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP: a plain-text and an HTML part from one rendering, and a Message-ID made from
 * the delivery's id, so that a copy resent after a crash is the same message to the receiving
 * server, which drops the duplicate. A batch's e-mails share one SMTP connection (see
 * {@link #batch()}). In demo mode without a mail server, e-mail goes to the development outbox.
 */
@Component
class EmailChannel {

	private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

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

	/**
	 * Starts handing off one batch of e-mail. Its connection to the SMTP server is opened with the
	 * first message that needs it and closed with the batch: one connection for the batch rather than
	 * one for every message.
	 */
	Batch batch() {
		return new Batch();
	}

	/**
	 * One batch's e-mail over one SMTP connection. A message the server refuses (a rejected recipient,
	 * say) fails alone and the connection carries on. When the connection itself fails, the message
	 * it was carrying fails; if the connection had carried others, a new one is opened for the rest,
	 * and if not, every later message of the batch fails with the same error without going to the
	 * server, to be retried with a new connection by a later batch.
	 */
	final class Batch implements AutoCloseable {

		private Transport transport;

		private MessagingException lost;

		private int sentOnConnection;

		private Batch() {
		}

		void send(UUID deliveryId, String to, RenderedMessage message) throws MessagingException {
			JavaMailSender smtp = sender.getIfAvailable();
			if (!mail.configured() || smtp == null) {
				outbox.record(DevOutbox.Channel.EMAIL, to, message.subject(), message.text());
				return;
			}
			if (lost != null) {
				throw lost;
			}
			Session session = smtp instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
			InternetAddress from = InternetAddress.parse(mail.from())[0];
			MimeMessage mime = compose(session, deliveryId, from, to, message);
			if (demo.enabled()) {
				outbox.record(DevOutbox.Channel.EMAIL, to, message.subject(), message.text());
			}
			if (!(smtp instanceof JavaMailSenderImpl impl)) {
				smtp.send(mime);
				return;
			}
			Transport connection = connection(impl);
			mime.saveChanges();
			try {
				connection.sendMessage(mime, mime.getAllRecipients());
				sentOnConnection++;
			}
			catch (MessagingException ex) {
				// A refused message leaves the connection usable; a broken connection does not. Some
				// servers close a connection after so many messages: one that carried some is opened
				// again for the rest of the batch; one that carried none is taken for a server away.
				if (!connection.isConnected()) {
					close();
					transport = null;
					if (sentOnConnection == 0) {
						lost = ex;
					}
					sentOnConnection = 0;
				}
				throw ex;
			}
		}

		/** Whether the connection failed, so that the rest of the batch goes nowhere near the server. */
		boolean connectionLost() {
			return lost != null;
		}

		/** Connects as Spring's mail sender would, with its session, server and credentials. */
		private Transport connection(JavaMailSenderImpl impl) throws MessagingException {
			if (transport == null) {
				String username = impl.getUsername();
				String password = impl.getPassword();
				if ("".equals(username)) {
					username = null;
					password = "".equals(password) ? null : password;
				}
				Transport opened = impl.getProtocol() != null ? impl.getSession().getTransport(impl.getProtocol())
						: impl.getSession().getTransport();
				try {
					opened.connect(impl.getHost(), impl.getPort(), username, password);
				}
				catch (MessagingException ex) {
					lost = ex;
					throw ex;
				}
				transport = opened;
			}
			return transport;
		}

		@Override
		public void close() {
			if (transport != null) {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					log.debug("Closing the SMTP connection failed; it is gone either way", ex);
				}
			}
		}
	}

	/** One delivery as e-mail: plain text and HTML from one rendering, its stable Message-ID, and how to unsubscribe. */
	static MimeMessage compose(Session session, UUID deliveryId, InternetAddress from, String to, RenderedMessage message)
			throws MessagingException {
		MimeMessage mime = new StableIdMessage(session, messageId(deliveryId, from));
		mime.setFrom(from);
		mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
		mime.setSubject(message.subject(), "UTF-8");
		// The Date header every message must carry (RFC 5322); Spring's sender added it, Transport does not.
		mime.setSentDate(new Date());
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
