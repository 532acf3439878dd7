package org.homeroom.messaging.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.homeroom.messaging.MessagingSettings;
import org.homeroom.messaging.delivery.DeliveryFailure;
import org.homeroom.platform.DemoSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the SMS outbox, on every node. Each pass claims due texts with {@code FOR UPDATE SKIP
 * LOCKED} and commits them as SENDING before any network call; then, one by one, the
 * {@link SmsSender} asks once more whether the number opted out and hands the text to Twilio (at
 * most {@code messages-per-second} a second, shared with announcements), and the worker records what
 * Twilio said. A refusal for good fails the text; anything else is
 * tried again later, each wait twice the last, until the attempts run out.
 * <p>Without SMS configured, demo mode writes texts to the development outbox, so that a demo
 * family can read its code; otherwise they fail at once, saying that SMS is not configured.
 * <p>A text SENDING for longer than {@link #STUCK_AFTER} was on a node that stopped mid-call: it
 * may or may not have gone, and sending it again could text a family twice, so it is UNCERTAIN.
 */
@Component
class SmsWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SmsWorker.class);

	static final Duration STUCK_AFTER = Duration.ofMinutes(10);

	private static final Duration IDLE = Duration.ofMillis(250);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SmsSender sender;

	private final SmsSettings settings;

	private final MessagingSettings messaging;

	private final DemoSettings demo;

	private final Clock clock;

	private final SmsStatusCallbacks statusCallbacks;

	private volatile boolean running;

	private Thread thread;

	SmsWorker(JdbcClient jdbc, TransactionTemplate transactions, SmsSender sender, SmsSettings settings,
			MessagingSettings messaging, DemoSettings demo, Clock clock, SmsStatusCallbacks statusCallbacks) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.sender = sender;
		this.settings = settings;
		this.messaging = messaging;
		this.demo = demo;
		this.clock = clock;
		this.statusCallbacks = statusCallbacks;
	}

	@Override
	public void start() {
		if (!messaging.worker()) {
			return;
		}
		if (!settings.configured()) {
			log.info(demo.enabled() ? "SMS is not configured: texts go to the development outbox"
					: "SMS is not configured: texts fail until HOMEROOM_SMS_* are set");
		}
		running = true;
		thread = new Thread(this::run, "sms-worker");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
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
				markStuck();
				if (sendOneBatch() == 0) {
					Thread.sleep(IDLE.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (running) {
					log.warn("SMS pass failed; trying again shortly", ex);
					try {
						Thread.sleep(1_000);
					}
					catch (InterruptedException stop) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	private record Claimed(UUID id, String toNumber, String body, int attempts) {
	}

	/** Claims a second's worth of due texts, commits them as SENDING, then sends them one by one (paced by the {@link SmsSender}). */
	int sendOneBatch() throws InterruptedException {
		Instant now = clock.instant();
		List<Claimed> batch = transactions.execute(status -> jdbc.sql("""
				update messaging.sms_outbox o set status = 'SENDING', claimed_at = :now, attempts = o.attempts + 1
				where o.id in (select q.id from messaging.sms_outbox q
				               where q.status = 'QUEUED' and q.next_attempt_at <= :now
				               order by q.next_attempt_at limit :batch for update skip locked)
				returning o.id, o.to_number, o.body, o.attempts""")
			.param("now", Timestamp.from(now))
			.param("batch", Math.min(settings.messagesPerSecond(), 50))
			.query(Claimed.class).list());
		for (Claimed text : batch) {
			if (!running && thread != null) {
				giveBack(text);
				continue;
			}
			send(text);
		}
		return batch.size();
	}

	/** Sends one claimed text and records what became of it. */
	private void send(Claimed text) throws InterruptedException {
		SmsSender.Result result = sender.send(text.toNumber(), text.body());
		switch (result.outcome()) {
			case SENT -> sent(text, result.providerSid(), result.providerStatus());
			case OPTED_OUT -> {
				jdbc.sql("""
						update messaging.sms_outbox set status = 'SKIPPED', skipped_reason = 'OPTED_OUT_SMS', claimed_at = null,
						       last_error = ? where id = ? and status = 'SENDING'""")
					.params(result.failure() == null ? null : result.failure().reason(), text.id()).update();
				if (result.failure() != null) {
					log.info("SMS {} not sent: the provider says its number unsubscribed", text.id());
				}
			}
			case FAILED -> failed(text, result.failure());
		}
	}

	/** Records the provider's sid, and in the same transaction what its callbacks said before it was stored. */
	private void sent(Claimed text, String sid, String providerStatus) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("""
					update messaging.sms_outbox set status = 'SENT', sent_at = ?, provider_sid = ?, provider_status = ?,
					       last_error = null where id = ? and status = 'SENDING'""")
				.params(Timestamp.from(clock.instant()), sid, providerStatus, text.id()).update();
			statusCallbacks.sidStored(sid);
		});
	}

	private void failed(Claimed text, DeliveryFailure failure) {
		boolean lastTry = failure.permanent() || text.attempts() >= messaging.maxAttempts();
		Duration wait = messaging.firstRetryAfter().multipliedBy(1L << Math.min(text.attempts() - 1, 16));
		finish(text, lastTry ? "FAILED" : "QUEUED", failure.reason(), clock.instant().plus(wait));
		log.warn("SMS {} failed at attempt {} ({}, HTTP {}){}", text.id(), text.attempts(), failure.kind(),
				failure.replyCode(), lastTry ? ": given up" : "; tried again after " + wait);
	}

	private void finish(Claimed text, String status, String error, Instant next) {
		jdbc.sql("""
				update messaging.sms_outbox set status = ?, last_error = ?, next_attempt_at = ?, claimed_at = null
				where id = ? and status = 'SENDING'""")
			.params(status, error, Timestamp.from(next), text.id()).update();
	}

	/** A text claimed but not yet handed to the provider goes back to the queue as this node stops. */
	private void giveBack(Claimed text) {
		jdbc.sql("""
				update messaging.sms_outbox set status = 'QUEUED', attempts = attempts - 1, claimed_at = null
				where id = ? and status = 'SENDING'""").param(text.id()).update();
	}

	int markStuck() {
		return jdbc.sql("""
				update messaging.sms_outbox set status = 'UNCERTAIN', last_error = 'The node sending it stopped mid-call'
				where status = 'SENDING' and claimed_at < ?""")
			.param(Timestamp.from(clock.instant().minus(STUCK_AFTER))).update();
	}
}
