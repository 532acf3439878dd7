package org.homeroom.messaging.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.messaging.delivery.SmsDeliveryStatus;
import org.homeroom.platform.RetentionDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Twilio's status callbacks say, for the outbox's texts and the announcements' alike. Twilio
 * may call back before the sender has stored the sid its POST answered (the answer is still on its
 * way, or its row not committed): such a status is kept in {@code messaging.sms_early_status} and
 * applied the moment the sid is stored, so it is never lost. Both sides take a transaction-scoped
 * advisory lock on the sid first, so that a callback and the storing of its sid, at the same
 * moment on two nodes, cannot miss each other. A status kept for a day belongs to no text of ours
 * (Twilio calls back within minutes) and is deleted.
 */
@Component
public class SmsStatusCallbacks {

	static final String TASK = "messaging-sms-early-status-retention";

	static final Duration KEPT_FOR = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(SmsStatusCallbacks.class);

	private final JdbcClient jdbc;

	private final SmsOutbox outbox;

	private final SmsDeliveryStatus deliveries;

	private final Clock clock;

	SmsStatusCallbacks(JdbcClient jdbc, SmsOutbox outbox, SmsDeliveryStatus deliveries, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	private record Early(String providerStatus, String errorCode) {
	}

	/**
	 * A status callback: moves the text that has this sid, or keeps the word until one does.
	 *
	 * @return whether a text of ours had the sid already
	 */
	@Transactional
	public boolean heard(String providerSid, String providerStatus, String errorCode) {
		lock(providerSid);
		// A text is the outbox's or an announcement's delivery; each knows its own provider ids.
		if (outbox.providerSaid(providerSid, providerStatus, errorCode)
				| deliveries.providerSaid(providerSid, providerStatus, errorCode)) {
			return true;
		}
		// Only a stronger word replaces a kept one: a final word stays, and SENT outranks queued or sending.
		jdbc.sql("""
				insert into messaging.sms_early_status as e (provider_sid, provider_status, status, error_code, received_at)
				values (:sid, :said, :status, :code, :now)
				on conflict (provider_sid) do update set provider_status = excluded.provider_status, status = excluded.status,
				       error_code = excluded.error_code, received_at = excluded.received_at
				where e.status is null or (e.status = 'SENT' and excluded.status is not null)""")
			.param("sid", providerSid)
			.param("said", providerStatus)
			.param("status", SmsOutbox.statusOf(providerStatus))
			.param("code", errorCode)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return false;
	}

	/**
	 * The sender has just stored {@code providerSid} on its text, in the caller's transaction: a
	 * status that came before is applied now, by the same rule as a callback (never backwards).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void sidStored(String providerSid) {
		if (providerSid == null) {
			return; // the development outbox: no provider, no callbacks
		}
		lock(providerSid);
		Optional<Early> early = jdbc.sql("""
				delete from messaging.sms_early_status where provider_sid = ? returning provider_status, error_code""")
			.param(providerSid).query(Early.class).optional();
		early.ifPresent(said -> {
			outbox.providerSaid(providerSid, said.providerStatus(), said.errorCode());
			deliveries.providerSaid(providerSid, said.providerStatus(), said.errorCode());
		});
	}

	@Bean
	RecurringTask<Void> smsEarlyStatusRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(1)).execute((instance, context) -> deleteUnclaimed());
	}

	/** Deletes the statuses no text of ours took within {@link #KEPT_FOR}; returns how many went. */
	long deleteUnclaimed() {
		long deleted = RetentionDeletes.delete(jdbc, "messaging.sms_early_status", "received_at < :before",
				Map.of("before", Timestamp.from(clock.instant().minus(KEPT_FOR))));
		if (deleted > 0) {
			log.info("Deleted {} SMS status callbacks that no text of ours took", deleted);
		}
		return deleted;
	}

	private void lock(String providerSid) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('sms-sid:' || ?, 0))").param(providerSid)
			.query((rs, row) -> 1).list();
	}
}
