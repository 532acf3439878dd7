package org.homeroom.messaging.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.homeroom.directory.DistrictClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.homeroom.messaging.MessagingSettings;
import org.homeroom.messaging.InboxEvents;
import org.homeroom.messaging.Channel;
import org.homeroom.messaging.sms.SmsSender;
import org.homeroom.messaging.sms.SmsSettings;

/**
 * Delivers what is due, on every node at once. Each pass claims a batch of due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes never take the same row, and commits them as SENDING
 * before handing any to its channel: a crash then leaves evidence rather than a silent gap. A
 * failed hand-off is retried later, each wait twice the last, until the attempts run out.
 * <p>A batch's e-mails share one SMTP connection, as opening one for each message costs more than
 * sending it. Each row still ends SENT, or QUEUED for a retry, or FAILED, on its own: a recipient
 * the server refuses fails only its row. A connection that closes after carrying messages is opened
 * again for the rest of the batch; one that fails before carrying any fails the rest of the batch's
 * e-mail, which a later batch retries over a new connection.
 * <p>Every node keeps a heartbeat. Rows in flight on a node whose heartbeat has stopped for the
 * node timeout are reconciled by whichever node notices: e-mail goes out again with the same
 * Message-ID, which receiving servers de-duplicate, and is marked as resent; the in-app inbox is
 * written by the same database commit that marks it sent, so it is simply queued again. A text (SMS)
 * can be neither repeated safely nor known to have gone out, so it is marked UNCERTAIN for staff.
 * <p>A delivery that fails for good, or is skipped as it was about to go, makes its fallback, on the
 * guardian's next channel, in the same transaction (see {@link Fallbacks}).
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private static final Duration IDLE = Duration.ofMillis(250);

	private static final Duration HEARTBEAT = Duration.ofSeconds(2);

	private final UUID node = UUID.randomUUID();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Releases releases;

	private final EmailChannel email;

	private final MessageRenderer renderer;

	private final MessagingSettings settings;

	private final Clock clock;

	private final DistrictClock district;

	private final SendTimeCheck check;

	private final SmsChannel sms;

	private final SmsSettings smsSettings;

	private final Fallbacks fallbacks;

	private final SmsOutcomes outcomes;

	private volatile boolean running;

	/**
	 * Set when this node finds that others declared it dead (it stalled for longer than the node
	 * timeout) and took its rows back: it must then hand off nothing more of the batch it holds.
	 */
	private volatile boolean fenced;

	private Thread thread;

	private Thread heartbeat;

	DeliveryWorker(JdbcClient jdbc, TransactionTemplate transactions, Releases releases, EmailChannel email,
			MessageRenderer renderer, MessagingSettings settings, Clock clock, DistrictClock district, SendTimeCheck check,
			SmsChannel sms, SmsSettings smsSettings, Fallbacks fallbacks, SmsOutcomes outcomes) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.releases = releases;
		this.email = email;
		this.renderer = renderer;
		this.settings = settings;
		this.clock = clock;
		this.district = district;
		this.check = check;
		this.sms = sms;
		this.smsSettings = smsSettings;
		this.fallbacks = fallbacks;
		this.outcomes = outcomes;
	}

	@Override
	public void start() {
		if (!settings.worker()) {
			return;
		}
		jdbc.sql("insert into messaging.node (id, started_at, heartbeat_at) values (?, ?, ?)")
			.params(node, Timestamp.from(clock.instant()), Timestamp.from(clock.instant())).update();
		running = true;
		thread = new Thread(this::run, "delivery-worker");
		thread.setDaemon(true);
		thread.start();
		heartbeat = new Thread(this::beat, "delivery-heartbeat");
		heartbeat.setDaemon(true);
		heartbeat.start();
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			heartbeat.interrupt();
			thread.interrupt();
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			jdbc.sql("delete from messaging.node where id = ?").param(node).update();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try {
				int work = releaseDue() + deliverOneBatch();
				if (work == 0) {
					Thread.sleep(IDLE.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (running) {
					log.warn("Delivery pass failed; trying again shortly", ex);
					sleepQuietly();
				}
			}
		}
	}

	/**
	 * Releases the announcements that are due, each in a transaction of its own: one that cannot be
	 * released holds up neither the others nor the deliveries already queued, and waits longer each
	 * time it fails, until it is FAILED (see {@link Releases#failed}).
	 */
	private int releaseDue() {
		int released = 0;
		for (UUID id : releases.due()) {
			try {
				releases.release(id);
				released++;
			}
			catch (RuntimeException ex) {
				// Logged without the exception's text, which may quote the audience or a family's details.
				boolean failed = releases.failed(id, ex);
				log.warn("Announcement {} could not be released ({}){}", id, ex.getClass().getSimpleName(),
						failed ? "; its attempts ran out and it is FAILED" : "; it is tried again after a wait");
			}
		}
		return released;
	}

	/**
	 * Claims a batch, commits it as SENDING, then hands each row to its channel, the e-mails over one
	 * SMTP connection and at most {@code emailsPerSecond} of them a second.
	 */
	int deliverOneBatch() throws InterruptedException {
		fenced = false;
		List<Claimed> batch = claim(false, settings.batchSize());
		try {
			deliverInApp(batch.stream().filter(delivery -> delivery.channel() == Channel.IN_APP).map(Claimed::id).toList());
			deliverEmail(batch);
		}
		finally {
			giveBack(batch);
		}
		// Texts are claimed apart, about a second's worth at a time, so that their pace holds up no e-mail.
		List<Claimed> texts = claim(true, Math.min(smsSettings.messagesPerSecond(), 50));
		try {
			deliverSms(texts);
		}
		finally {
			giveBack(texts);
		}
		return batch.size() + texts.size();
	}

	/**
	 * Hands each text to the SMS channel, which paces them; Twilio's id is kept for its status
	 * callbacks. An opted-out number (STOP since the check, or Twilio's word) is SKIPPED and falls back
	 * (see {@link SmsOutcomes}).
	 */
	private void deliverSms(List<Claimed> texts) throws InterruptedException {
		for (Claimed delivery : texts) {
			if (fenced) {
				log.warn("This node was taken for dead; the rest of its batch is left to the others");
				break;
			}
			SmsSender.Result result;
			try {
				result = sms.send(delivery);
			}
			catch (RuntimeException ex) {
				failed(delivery, DeliveryFailure.of(ex));
				continue;
			}
			switch (result.outcome()) {
				case SENT -> outcomes.sent(delivery.id(), node, result.providerSid());
				case OPTED_OUT -> outcomes.optedOut(delivery.id(), node);
				case FAILED -> failed(delivery, result.failure());
			}
		}
	}

	private void deliverEmail(List<Claimed> batch) throws InterruptedException {
		long gapNanos = 1_000_000_000L / Math.max(settings.emailsPerSecond(), 1);
		try (EmailChannel.Batch emails = email.batch()) {
			for (Claimed delivery : batch) {
				if (delivery.channel() != Channel.EMAIL) {
					continue;
				}
				if (fenced) {
					log.warn("This node was taken for dead; the rest of its batch is left to the others");
					break;
				}
				long started = System.nanoTime();
				hand(delivery, emails);
				if (!emails.connectionLost()) {
					long wait = gapNanos - (System.nanoTime() - started);
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
				}
			}
		}
	}

	/**
	 * What of a batch is still SENDING here once the pass is over (it stopped midway: the database
	 * failed, or the node is stopping) goes back to the queue at once, rather than waiting for this
	 * node to stop. An e-mail among it may have gone out, so it is marked as resent.
	 */
	private void giveBack(List<Claimed> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			jdbc.sql("""
					update messaging.delivery set status = 'QUEUED', next_attempt_at = :now, claimed_by = null,
					       resent_after_crash = (channel = 'EMAIL')
					where id in (:ids) and status = 'SENDING' and claimed_by = :node""")
				.param("now", Timestamp.from(clock.instant()))
				.param("ids", batch.stream().map(Claimed::id).toList())
				.param("node", node)
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not put the rest of a batch back in the queue; it is reconciled when this node stops", ex);
		}
	}

	/**
	 * The in-app inbox is the delivery table itself: marking a batch's in-app rows SENT, in one
	 * statement, is delivering them, and each family with a new message is told so at that commit.
	 */
	private void deliverInApp(List<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("""
				with sent as (
				    update messaging.delivery set status = 'SENT', sent_at = :now, last_error = null
				    where id in (:ids) and claimed_by = :node
				    returning guardian_id)
				select pg_notify(:channel, guardian_id::text) from (select distinct guardian_id from sent) g""")
			.param("now", Timestamp.from(clock.instant()))
			.param("ids", ids)
			.param("node", node)
			.param("channel", InboxEvents.CHANNEL)
			.query((rs, row) -> null)
			.list();
	}

	/**
	 * Claims a batch and checks it again (see {@link SendTimeCheck}) in one transaction: what leaves
	 * it may go now. During quiet hours only urgent rows are claimed, so that neither a retry nor a
	 * row released before the quiet hours began reaches a family at night.
	 */
	private List<Claimed> claim(boolean texts, int limit) {
		boolean emailPossible = email.available();
		Instant now = clock.instant();
		ZoneId zone = district.zone();
		boolean quiet = quietHours(zone).quiet(now);
		return transactions.execute(status -> check.check(jdbc.sql("""
				update messaging.delivery d set status = 'SENDING', claimed_by = :node, claimed_at = :now, attempts = d.attempts + 1
				from messaging.announcement a
				where a.id = d.announcement_id and d.id in (
				    select q.id from messaging.delivery q join messaging.announcement qa on qa.id = q.announcement_id
				    where q.status = 'QUEUED' and q.next_attempt_at <= :now and (:email or q.channel <> 'EMAIL')
				      and (q.channel = 'SMS') = :texts
				      and (not :quiet or qa.category = 'URGENT')
				    order by q.next_attempt_at limit :batch for update of q skip locked)
				returning d.id, d.announcement_id, d.guardian_id, d.channel, d.language, d.address, d.guardian_name,
				          d.child_names, d.school_names, d.attempts, %s""".formatted(LanguageVersions.COLUMNS))
			.param("node", node)
			.param("now", Timestamp.from(now))
			.param("email", emailPossible)
			.param("quiet", quiet)
			.param("texts", texts)
			.param("batch", limit)
			.query(Claimed.class)
			.list(), node, now));
	}

	private QuietHours quietHours(ZoneId zone) {
		return new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd(), zone);
	}

	private void hand(Claimed delivery, EmailChannel.Batch emails) {
		try {
			emails.send(delivery.id(), delivery.address(), renderer.render(delivery));
			jdbc.sql("update messaging.delivery set status = 'SENT', sent_at = ?, last_error = null where id = ? and claimed_by = ?")
				.params(Timestamp.from(clock.instant()), delivery.id(), node).update();
		}
		catch (Exception ex) {
			failed(delivery, DeliveryFailure.of(ex));
		}
	}

	/**
	 * A permanent refusal fails the row at once; anything else waits, each time twice as long, until
	 * the attempts run out. The log names the delivery, never its address or its text: the reason,
	 * which the server may have written around the address, goes (cleaned) to staff in the report.
	 */
	private void failed(Claimed delivery, DeliveryFailure failure) {
		boolean lastTry = failure.permanent() || delivery.attempts() >= settings.maxAttempts();
		Duration wait = settings.firstRetryAfter().multipliedBy(1L << Math.min(delivery.attempts() - 1, 16));
		Instant next = quietHours(district.zone()).allowedFrom(clock.instant().plus(wait), delivery.category());
		transactions.executeWithoutResult(status -> {
			int changed = jdbc.sql("""
					update messaging.delivery set status = ?, next_attempt_at = ?, last_error = ?, claimed_by = null
					where id = ? and claimed_by = ?""")
				.params(lastTry ? "FAILED" : "QUEUED", Timestamp.from(next), failure.reason(), delivery.id(), node)
				.update();
			if (lastTry && changed == 1) {
				fallbacks.afterFailure(delivery.id());
			}
		});
		String code = failure.replyCode() <= 0 ? "no reply code"
				: (delivery.channel() == Channel.SMS ? "HTTP " : "SMTP ") + failure.replyCode();
		if (lastTry) {
			log.warn("Delivery {} of announcement {} failed after attempt {} ({}, {}){}", delivery.id(),
					delivery.announcementId(), delivery.attempts(), failure.kind(), code,
					failure.permanent() ? ": refused for good" : ": no attempts left");
		}
		else {
			log.warn("Delivery {} of announcement {} failed at attempt {} ({}, {}); retried at {}", delivery.id(),
					delivery.announcementId(), delivery.attempts(), failure.kind(), code, next);
		}
	}

	/**
	 * Keeps this node's heartbeat, on a thread of its own so that a slow mail server does not
	 * silence it, and reconciles what nodes that stopped beating left in flight. A node whose row
	 * is gone was taken for dead: it is fenced off from its batch, and beats again.
	 */
	private void beat() {
		while (running) {
			try {
				Instant now = clock.instant();
				if (jdbc.sql("update messaging.node set heartbeat_at = ? where id = ?").params(Timestamp.from(now), node)
					.update() == 0) {
					fenced = true;
					jdbc.sql("insert into messaging.node (id, started_at, heartbeat_at) values (?, ?, ?) on conflict do nothing")
						.params(node, Timestamp.from(now), Timestamp.from(now)).update();
				}
				reconcile(now.minus(settings.nodeTimeout()));
				Thread.sleep(HEARTBEAT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (running) {
					log.warn("Heartbeat failed; trying again shortly", ex);
					sleepQuietly();
				}
			}
		}
	}

	/**
	 * Takes back what nodes that stopped beating left in flight, and what a node stopped on purpose
	 * left (its row is deleted as it stops): every SENDING row whose node is no longer there.
	 */
	int reconcile(Instant deadBefore) {
		return transactions.execute(status -> {
			List<UUID> dead = jdbc.sql("select id from messaging.node where heartbeat_at < ? and id <> ? for update skip locked")
				.params(Timestamp.from(deadBefore), node).query(UUID.class).list();
			if (!dead.isEmpty()) {
				jdbc.sql("delete from messaging.node where id in (:dead)").param("dead", dead).update();
			}
			int requeued = jdbc.sql("""
					update messaging.delivery d set status = case when channel = 'SMS' then 'UNCERTAIN' else 'QUEUED' end,
					       next_attempt_at = :now, claimed_by = null, resent_after_crash = (channel = 'EMAIL')
					where status = 'SENDING' and not exists (select 1 from messaging.node n where n.id = d.claimed_by)""")
				.param("now", Timestamp.from(clock.instant()))
				.update();
			if (requeued > 0) {
				log.info("Reconciled {} deliveries left in flight by nodes that stopped", requeued);
			}
			return requeued;
		});
	}

	private static void sleepQuietly() {
		try {
			Thread.sleep(1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
