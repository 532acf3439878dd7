package org.homeroom.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends an e-mail through the configured SMTP server, after the caller's transaction commits and
 * off its thread: {@link #send} only queues the message in that transaction, and
 * {@link OutgoingMailWorker} hands it to the server, retrying while the server is away. So a
 * request answers in the same time, and with the same status, whether or not it mailed anyone and
 * whether or not the server is up; and a message exists only if the change it reports committed.
 * <p>In demo mode the message also appears in the development outbox, in the same transaction, and
 * with no server configured it appears there only. Outside demo mode with no server, the message is
 * not sent and the log says so, without its content: it may hold a code.
 */
@Service
public class OutgoingMail {

	private static final Logger log = LoggerFactory.getLogger(OutgoingMail.class);

	private final JdbcClient jdbc;

	private final OutgoingMailWorker worker;

	private final DemoSettings demo;

	private final DevOutbox outbox;

	private final Clock clock;

	OutgoingMail(JdbcClient jdbc, OutgoingMailWorker worker, DemoSettings demo, DevOutbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.worker = worker;
		this.demo = demo;
		this.outbox = outbox;
		this.clock = clock;
	}

	@Transactional
	public void send(String to, String subject, String text) {
		if (demo.enabled()) {
			outbox.record(DevOutbox.Channel.EMAIL, to, subject, text);
		}
		if (!worker.canSend()) {
			if (!demo.enabled()) {
				log.warn("Mail is not configured (homeroom.mail.host): a message was not sent");
			}
			return;
		}
		// Due at once by the database's clock, which the worker reads too: nodes' clocks may differ.
		jdbc.sql("""
				insert into platform.outgoing_mail (id, recipient, subject, body, created_at, next_attempt_at)
				values (?, ?, ?, ?, ?, clock_timestamp())""")
			.params(UUID.randomUUID(), to, subject, text, Timestamp.from(clock.instant()))
			.update();
		// The worker may be asleep; wake it when the message can be seen, so that a code arrives at once.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				worker.wake();
			}
		});
	}
}
