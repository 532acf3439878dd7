package org.homeroom.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends an e-mail through the configured SMTP server. In demo mode it also appears in the
 * development outbox, and with no server configured it appears there only. Outside demo mode with
 * no server, the message is not sent and the log says so, without its content: it may hold a code.
 */
@Service
public class OutgoingMail {

	private static final Logger log = LoggerFactory.getLogger(OutgoingMail.class);

	private final ObjectProvider<JavaMailSender> sender;

	private final MailSettings settings;

	private final DemoSettings demo;

	private final DevOutbox outbox;

	OutgoingMail(ObjectProvider<JavaMailSender> sender, MailSettings settings, DemoSettings demo, DevOutbox outbox) {
		this.sender = sender;
		this.settings = settings;
		this.demo = demo;
		this.outbox = outbox;
	}

	public void send(String to, String subject, String text) {
		if (demo.enabled()) {
			outbox.record(DevOutbox.Channel.EMAIL, to, subject, text);
		}
		JavaMailSender smtp = sender.getIfAvailable();
		if (smtp == null || !settings.configured()) {
			if (!demo.enabled()) {
				log.warn("Mail is not configured (homeroom.mail.host): a message was not sent");
			}
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(settings.from());
		message.setTo(to);
		message.setSubject(subject);
		message.setText(text);
		smtp.send(message);
	}
}
