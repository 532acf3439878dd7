package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An idempotency key answers retries for a week, and is then forgotten. */
@IntegrationTest
class IdempotencyKeyRetentionIntegrationTests {

	@Autowired
	IdempotencyKeyRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void keysOlderThanAWeekGoAndYoungerOnesStay() {
		String author = "retention-" + UUID.randomUUID() + "@district.test";
		Instant now = Instant.now();
		key(author, "old", now.minus(Duration.ofDays(7)).minus(Duration.ofHours(1)));
		key(author, "young", now.minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select key from messaging.idempotency_key where author = ?").param(author).query(String.class)
			.list()).containsExactly("young");
		assertThat(jdbc.sql("select count(*) from messaging.announcement where author = ?").param(author)
			.query(Long.class).single()).as("the announcements stay").isEqualTo(2);
	}

	private void key(String author, String key, Instant at) {
		UUID announcement = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience,
				                                    status, scheduled_at, created_at)
				values (?, ?, '{DISTRICT_ADMIN}', 'Subject', 'Body', 'GENERAL', '{IN_APP}', '{}', 'CANCELLED', ?, ?)""")
			.params(announcement, author, Timestamp.from(at), Timestamp.from(at))
			.update();
		jdbc.sql("""
				insert into messaging.idempotency_key (author, key, request_hash, announcement_id, created_at)
				values (?, ?, 'hash', ?, ?)""")
			.params(author, key, announcement, Timestamp.from(at))
			.update();
	}
}
