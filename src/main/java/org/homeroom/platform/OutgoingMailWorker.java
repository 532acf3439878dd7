package org.homeroom.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the queued e-mail of {@link OutgoingMail} to the SMTP server, one message at a time, on
 * every node at once. A message is claimed in a short transaction of its own ({@code FOR UPDATE SKIP
 * LOCKED}, so that two nodes never take the same one) and sent after that commit: no transaction
 * stays open while the server is slow. Claiming moves the message's next attempt a lease ahead, so
 * that a node that dies while sending leaves it to another once the lease is over; the message may
 * then go out twice, which is better than not at all for a code or a link.
 * <p>A failed attempt is logged and tried again later (see {@link MailSettings#retryAfter}); after
 * the last attempt the message is given up with a warning. Logs name the message by its id only:
 * its address is personal and its body may hold a code. A message sent or given up keeps no body.
 * <p>The worker sleeps while nothing is due, and {@link #wake} (after a commit that queued mail)
 * starts it at once, so that a sign-in code arrives within a second or so. Finished messages are
 * deleted by {@link PlatformRetention}, once per cluster, not here on every node.
 */
@Component
class OutgoingMailWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutgoingMailWorker.class);

	/** Longer than one message can take with the SMTP timeouts of application.properties. */
	private static final Duration LEASE = Duration.ofMinutes(5);

	/** How often an idle worker looks for mail that other nodes queued or that became due. */
	private static final Duration IDLE = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ObjectProvider<JavaMailSender> sender;

	private final MailSettings settings;

	private final Object bell = new Object();

	private boolean rung;

	private volatile boolean running;

	private Thread thread;

	OutgoingMailWorker(JdbcClient jdbc, TransactionTemplate transactions, ObjectProvider<JavaMailSender> sender,
			MailSettings settings) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.sender = sender;
		this.settings = settings;
	}

	/** Whether there is a mail server to send to. */
	boolean canSend() {
		return settings.configured() && sender.getIfAvailable() != null;
	}

	/** Starts the worker now rather than at its next look, when a commit has queued mail. */
	void wake() {
		synchronized (bell) {
			rung = true;
			bell.notifyAll();
		}
	}

	@Override
	public void start() {
		if (!canSend()) {
			return;
		}
		running = true;
		thread = new Thread(this::run, "outgoing-mail");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			wake();
			thread.interrupt();
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try {
				if (!sendOne()) {
					sleep(untilNextDue());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (running) {
					log.warn("Outgoing mail pass failed; trying again shortly", ex);
					try {
						sleep(Duration.ofSeconds(1));
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	/** Claims the message due first and sends it; false when none was due. */
	boolean sendOne() {
		Optional<Claimed> claimed = transactions.execute(status -> jdbc.sql("""
				update platform.outgoing_mail set attempts = attempts + 1,
				       next_attempt_at = clock_timestamp() + make_interval(secs => :lease)
				where id = (select id from platform.outgoing_mail
				            where sent_at is null and gave_up_at is null and next_attempt_at <= clock_timestamp()
				            order by next_attempt_at limit 1 for update skip locked)
				returning id, recipient, subject, body, attempts""")
			.param("lease", LEASE.toSeconds())
			.query(Claimed.class)
			.optional());
		if (claimed.isEmpty()) {
			return false;
		}
		deliver(claimed.get());
		return true;
	}

	private void deliver(Claimed mail) {
		try {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(settings.from());
			message.setTo(mail.recipient());
			message.setSubject(mail.subject());
			message.setText(mail.body());
			sender.getObject().send(message);
		}
		catch (MailException ex) {
			failed(mail, ex);
			return;
		}
		jdbc.sql("""
				update platform.outgoing_mail set sent_at = clock_timestamp(), body = null, last_error = null
				where id = ?""").param(mail.id()).update();
	}

	private void failed(Claimed mail, MailException ex) {
		String reason = reason(ex);
		// A message that cannot even be written (an address that does not parse) fails the same way every time.
		boolean hopeless = ex instanceof MailParseException || ex instanceof MailPreparationException;
		if (hopeless || mail.attempts() >= settings.maxAttempts()) {
			jdbc.sql("""
					update platform.outgoing_mail set gave_up_at = clock_timestamp(), body = null, last_error = ?
					where id = ?""").params(reason, mail.id()).update();
			log.warn("Outgoing mail {} was given up after {} attempts ({})", mail.id(), mail.attempts(), reason);
			return;
		}
		Duration wait = settings.retryAfter(mail.attempts());
		jdbc.sql("""
				update platform.outgoing_mail set next_attempt_at = clock_timestamp() + make_interval(secs => ?),
				       last_error = ?
				where id = ?""").params(wait.toMillis() / 1000.0, reason, mail.id()).update();
		log.warn("Outgoing mail {} could not be sent at attempt {} of {} ({}); trying again in {}", mail.id(),
				mail.attempts(), settings.maxAttempts(), reason, wait);
	}

	/** The kinds of failure, outermost and innermost: their messages may quote the address, so they stay out. */
	private static String reason(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root == ex && ex instanceof org.springframework.mail.MailSendException send
				&& !send.getFailedMessages().isEmpty()) {
			root = send.getFailedMessages().values().iterator().next();
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
		}
		return root == ex ? ex.getClass().getSimpleName()
				: ex.getClass().getSimpleName() + ": " + root.getClass().getSimpleName();
	}

	private Duration untilNextDue() {
		long millis = jdbc.sql("""
				select coalesce(ceil(extract(epoch from min(next_attempt_at) - clock_timestamp()) * 1000)::bigint, :idle)
				from platform.outgoing_mail where sent_at is null and gave_up_at is null""")
			.param("idle", IDLE.toMillis())
			.query(Long.class).single();
		return Duration.ofMillis(Math.max(10, Math.min(millis, IDLE.toMillis())));
	}

	private void sleep(Duration atMost) throws InterruptedException {
		synchronized (bell) {
			if (!rung) {
				bell.wait(Math.max(atMost.toMillis(), 1));
			}
			rung = false;
		}
	}

	record Claimed(UUID id, String recipient, String subject, String body, int attempts) {
	}
}
