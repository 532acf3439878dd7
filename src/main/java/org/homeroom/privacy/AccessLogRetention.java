package org.homeroom.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.directory.DistrictClock;
import org.homeroom.platform.RetentionDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes access log entries older than the district's retention period
 * ({@link PrivacySettings#accessLogRetention}). The period is counted in whole days on the district's
 * calendar: an entry goes on the first day it is older than the period, the same day wherever the
 * server runs. A recurring db-scheduler task, run by one node of a cluster once a day.
 */
@Component
class AccessLogRetention {

	static final String TASK = "privacy-access-log-retention";

	private static final Logger log = LoggerFactory.getLogger(AccessLogRetention.class);

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	private final PrivacySettings settings;

	AccessLogRetention(JdbcClient jdbc, DistrictClock clock, PrivacySettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	@Bean
	RecurringTask<Void> accessLogRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(24)).execute((instance, context) -> deleteExpired());
	}

	/** Deletes the entries written before the first day still kept; returns how many went. */
	long deleteExpired() {
		Instant firstKept = clock.today().minus(settings.accessLogRetention()).atStartOfDay(clock.zone()).toInstant();
		long deleted = RetentionDeletes.delete(jdbc, "privacy.access_log", "at < :before",
				Map.of("before", Timestamp.from(firstKept)));
		if (deleted > 0) {
			log.info("Retention deleted {} access log entries written before {}", deleted, firstKept);
		}
		return deleted;
	}
}
