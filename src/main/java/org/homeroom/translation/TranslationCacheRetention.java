package org.homeroom.translation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.platform.RetentionDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes cached machine translations older than {@link #KEPT_FOR}. A cached text is only a saving
 * (the engine can be asked again), and engines improve, so a text met again after that is translated
 * afresh. A recurring db-scheduler task, run by one node of a cluster once a day, in bounded batches
 * ({@link RetentionDeletes}).
 */
@Component
class TranslationCacheRetention {

	static final String TASK = "translation-cache-retention";

	/** A school term: an announcement sent again, or a yearly one, within it is not asked twice. */
	static final Duration KEPT_FOR = Duration.ofDays(90);

	private static final Logger log = LoggerFactory.getLogger(TranslationCacheRetention.class);

	private final JdbcClient jdbc;

	TranslationCacheRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Bean
	RecurringTask<Void> translationCacheRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(24)).execute((instance, context) -> deleteExpired(Instant.now()));
	}

	/** Deletes the translations cached before {@code now} less {@link #KEPT_FOR}; answers how many went. */
	long deleteExpired(Instant now) {
		long deleted = RetentionDeletes.delete(jdbc, "translation.cached_translation", "created_at < :before",
				Map.of("before", Timestamp.from(now.minus(KEPT_FOR))));
		if (deleted > 0) {
			log.info("Retention deleted {} cached translations older than {} days", deleted, KEPT_FOR.toDays());
		}
		return deleted;
	}
}
