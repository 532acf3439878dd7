package org.homeroom.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the test mail server (GreenMail) received for one address, and the links in it. */
public final class Mailbox {

	/** Not GreenMail's usual 3025, which other test classes (and other checkouts on this machine) take. */
	public static final int PORT = 3591;

	public static final ServerSetup SMTP = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private final GreenMailExtension smtp;

	private final Supplier<JdbcClient> database;

	/** {@code database} is asked when it is needed, so that a test can pass its own autowired client. */
	public Mailbox(GreenMailExtension smtp, Supplier<JdbcClient> database) {
		this.smtp = smtp;
		this.database = database;
	}

	public Mailbox(GreenMailExtension smtp) {
		this(smtp, () -> {
			throw new IllegalStateException("This mailbox was not given the database, to see what is still queued");
		});
	}

	/** The messages to this address, waiting up to 10 s for at least {@code count}. */
	public List<MimeMessage> to(String address, int count) throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(10));
		List<MimeMessage> found = List.of();
		while (Instant.now().isBefore(until)) {
			found = Arrays.stream(smtp.getReceivedMessages()).filter(message -> addressedTo(message, address)).toList();
			if (found.size() >= count) {
				return found;
			}
			Thread.sleep(100);
		}
		return found;
	}

	/** The messages to this address right now, without waiting. */
	List<MimeMessage> now(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(message -> addressedTo(message, address)).toList();
	}

	/**
	 * The messages to this address once Homeroom has handed every queued e-mail to the server (it
	 * sends after the commit, off the request thread), waiting up to 10 s for that: what a test that
	 * expects no mail must look at, or it would look before the mail could have come.
	 */
	public List<MimeMessage> onceAllQueuedAreSent(String address) throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(until) && database.get()
			.sql("select count(*) from platform.outgoing_mail where sent_at is null and gave_up_at is null")
			.query(Integer.class)
			.single() > 0) {
			Thread.sleep(100);
		}
		return now(address);
	}

	/** The path (and token) of the link in the newest message to this address that starts with {@code base}. */
	public String linkPath(String address, String base) throws InterruptedException {
		List<MimeMessage> messages = to(address, 1);
		if (messages.isEmpty()) {
			throw new AssertionError("No mail arrived for " + address);
		}
		String body = GreenMailUtil.getBody(messages.get(messages.size() - 1)).replace("=\r\n", "").replace("=\n", "");
		Matcher link = Pattern.compile(Pattern.quote(base) + "(/[A-Za-z-]+/[A-Za-z0-9_-]+)").matcher(body);
		if (!link.find()) {
			throw new AssertionError("No link starting with " + base + " in: " + body);
		}
		return link.group(1);
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean addressedTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch(to -> to.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
