package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.platform.RetentionDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes API idempotency keys once a client can no longer be retrying the request that used them.
 * After that, the same key starts a new announcement, as any unknown key does. A recurring
 * db-scheduler task, so that one node of a cluster does it once an hour.
 *
 * <p>The keys are found without an index: one row per announcement made over the API with a key,
 * a table of thousands, read once an hour.
 */
@Component
class IdempotencyKeyRetention {

	static final String TASK = "messaging-idempotency-key-retention";

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Settings settings;

	IdempotencyKeyRetention(JdbcClient jdbc, Clock clock, Settings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	@Bean
	RecurringTask<Void> idempotencyKeyRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(1)).execute((instance, context) -> deleteExpired());
	}

	/** Deletes the keys older than their period; returns how many went. */
	long deleteExpired() {
		long deleted = RetentionDeletes.delete(jdbc, "messaging.idempotency_key", "created_at < :before",
				Map.of("before", Timestamp.from(clock.instant().minus(settings.idempotencyKeys()))));
		if (deleted > 0) {
			log.info("Retention deleted {} idempotency keys", deleted);
		}
		return deleted;
	}

	/**
	 * Messaging's retention periods (docs/retention.md).
	 *
	 * @param idempotencyKeys how long a key answers a retried POST with its first announcement. Clients
	 *     retry within minutes; a week also covers a sending system that queued its requests over a
	 *     long weekend's outage and sends them again when it comes back
	 */
	@ConfigurationProperties("homeroom.messaging.retention")
	record Settings(@DefaultValue("7d") Duration idempotencyKeys) {
	}
}
