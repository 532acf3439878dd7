package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finished e-mail and completed event publications do not pile up, and every module's retention
 * runs as a recurring task on db-scheduler.
 */
@IntegrationTest
class PlatformRetentionIntegrationTests {

	@Autowired
	PlatformRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final Instant now = Instant.now();

	@Test
	void mailSentOrGivenUpMoreThanAWeekAgoGoesAndMailStillToSendStays() {
		mail("sent-8-days-ago", now.minus(Duration.ofDays(8)), "sent_at");
		mail("given-up-8-days-ago", now.minus(Duration.ofDays(8)), "gave_up_at");
		mail("sent-6-days-ago", now.minus(Duration.ofDays(6)), "sent_at");
		mail("queued-8-days-ago", now.minus(Duration.ofDays(8)), null);

		retention.deleteExpired();

		assertThat(jdbc.sql("select subject from platform.outgoing_mail where recipient = ?").param(tag + "@family.test")
			.query(String.class).list()).containsExactlyInAnyOrder("sent-6-days-ago", "queued-8-days-ago");
	}

	@Test
	void completedPublicationsAreDeletedOnCompletionAndAnyLeftOverGoesAfterAWeek() {
		assertThat(environment.getProperty("spring.modulith.events.completion-mode")).isEqualTo("delete");
		publication("completed-8-days-ago", now.minus(Duration.ofDays(8)));
		publication("completed-6-days-ago", now.minus(Duration.ofDays(6)));
		publication("failed", null);

		retention.deleteExpired();

		assertThat(jdbc.sql("select listener_id from event_publication where event_type = ?").param(tag)
			.query(String.class).list()).containsExactlyInAnyOrder("completed-6-days-ago", "failed");
	}

	@Test
	void everyModulesRetentionIsARecurringTaskOnDbScheduler() {
		List<String> retentionTasks = List.of("platform-retention", "accounts-retention",
				"messaging-idempotency-key-retention", "messaging-sms-early-status-retention", "privacy-access-log-retention",
				"translation-cache-retention");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc
			.sql("select task_name from platform.scheduled_tasks where task_name in (:names)")
			.param("names", retentionTasks)
			.query(String.class)
			.list()).containsExactlyInAnyOrderElementsOf(retentionTasks));
	}

	private void mail(String subject, Instant finishedAt, String finished) {
		jdbc.sql("""
				insert into platform.outgoing_mail (id, recipient, subject, body, created_at, next_attempt_at, sent_at, gave_up_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), tag + "@family.test", subject, finished == null ? "Your code" : null,
					Timestamp.from(finishedAt), Timestamp.from(now.plus(Duration.ofDays(365))),
					"sent_at".equals(finished) ? Timestamp.from(finishedAt) : null,
					"gave_up_at".equals(finished) ? Timestamp.from(finishedAt) : null)
			.update();
	}

	private void publication(String listener, Instant completedAt) {
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				                               completion_date, status, completion_attempts)
				values (?, ?, ?, '{}', ?, ?, ?, 1)""")
			.params(UUID.randomUUID(), listener, tag, Timestamp.from(now.minus(Duration.ofDays(30))),
					completedAt == null ? null : Timestamp.from(completedAt), completedAt == null ? "FAILED" : "COMPLETED")
			.update();
	}
}
