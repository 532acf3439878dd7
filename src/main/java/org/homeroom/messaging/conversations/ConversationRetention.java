package org.homeroom.messaging.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.directory.DistrictClock;
import org.homeroom.messaging.attachments.AttachmentId;
import org.homeroom.platform.RetentionDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes conversations whose last activity is older than the district's retention period
 * ({@link ConversationSettings#retention}), counted in whole days on the district's calendar, with
 * everything they hold: guardians, messages, abuse reports and attached files. The files go first,
 * through the attachments (which also remove content kept in a directory), then the threads in
 * bounded batches ({@link RetentionDeletes}); a run stopped between the two leaves threads whose
 * files are already gone, which the next run deletes. A recurring db-scheduler task, run by one
 * node of a cluster once a day.
 */
@Component
class ConversationRetention {

	static final String TASK = "messaging-conversation-retention";

	private static final Logger log = LoggerFactory.getLogger(ConversationRetention.class);

	/** As many batches of files as {@link RetentionDeletes} allows of rows. */
	private static final int MOST_FILE_BATCHES = 200;

	private final JdbcClient jdbc;

	private final ConversationAttachments attachments;

	private final DistrictClock clock;

	private final ConversationSettings settings;

	ConversationRetention(JdbcClient jdbc, ConversationAttachments attachments, DistrictClock clock,
			ConversationSettings settings) {
		this.jdbc = jdbc;
		this.attachments = attachments;
		this.clock = clock;
		this.settings = settings;
	}

	@Bean
	RecurringTask<Void> conversationRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(24)).execute((instance, context) -> deleteExpired());
	}

	/** Deletes the threads idle since before the first day still kept; answers how many went. */
	long deleteExpired() {
		Instant firstKept = clock.today().minus(settings.retention()).atStartOfDay(clock.zone()).toInstant();
		int files = 0;
		for (int batch = 0; batch < MOST_FILE_BATCHES; batch++) {
			List<AttachmentId> old = attachments.ofThreadsIdleSince(firstKept, RetentionDeletes.BATCH);
			files += old.isEmpty() ? 0 : attachments.delete(old);
			if (old.size() < RetentionDeletes.BATCH) {
				break;
			}
		}
		long threads = RetentionDeletes.delete(jdbc, "messaging.conversation", "last_activity_at < :before",
				Map.of("before", Timestamp.from(firstKept)));
		if (threads > 0 || files > 0) {
			log.info("Retention deleted {} conversations and {} attached files idle since before {}", threads, files,
					firstKept);
		}
		return threads;
	}
}
