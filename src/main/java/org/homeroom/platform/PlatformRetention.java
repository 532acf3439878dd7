package org.homeroom.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the platform's finished rows once their time is over: e-mail sent or given up, and any
 * completed event publication Modulith left behind. A recurring db-scheduler task, so that one node
 * of a cluster does it once an hour, not every node at once.
 */
@Component
class PlatformRetention {

	static final String TASK = "platform-retention";

	private static final Logger log = LoggerFactory.getLogger(PlatformRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PlatformSettings.Retention retention;

	PlatformRetention(JdbcClient jdbc, Clock clock, PlatformSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = settings.retention();
	}

	@Bean
	RecurringTask<Void> platformRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(1)).execute((instance, context) -> deleteExpired());
	}

	/** Deletes what is past its period; returns how many rows went. */
	long deleteExpired() {
		var now = clock.instant();
		long mail = RetentionDeletes.delete(jdbc, "platform.outgoing_mail",
				"coalesce(sent_at, gave_up_at) < :before",
				Map.of("before", Timestamp.from(now.minus(retention.outgoingMail()))));
		long events = RetentionDeletes.delete(jdbc, "event_publication", "completion_date < :before",
				Map.of("before", Timestamp.from(now.minus(retention.completedEvents()))));
		if (mail + events > 0) {
			log.info("Retention deleted {} finished e-mails and {} completed event publications", mail, events);
		}
		return mail + events;
	}
}
