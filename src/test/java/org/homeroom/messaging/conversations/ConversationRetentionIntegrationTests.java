package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.messaging.attachments.Attachment;
import org.homeroom.messaging.attachments.AttachmentUpload;
import org.homeroom.messaging.attachments.Attachments;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conversation retention, three years by default: a thread whose last message is older goes with
 * its messages, reports and files; a thread with a recent message stays, however old it is.
 */
@IntegrationTest
class ConversationRetentionIntegrationTests {

	@Autowired
	ConversationRetention retention;

	@Autowired
	Attachments attachments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Test
	void aThreadIdleForMoreThanThreeYearsGoesWithEverythingItHeldAndANewerOneStays() {
		Instant firstKept = clock.today().minusYears(3).atStartOfDay(clock.zone()).toInstant();
		UUID old = thread(firstKept.minusSeconds(60), firstKept.minusSeconds(60));
		UUID oldMessage = message(old, firstKept.minusSeconds(60));
		Attachment file = attach(oldMessage);
		jdbc.sql("""
				insert into messaging.conversation_report (id, message_id, school_id, reported_by, reporter_side, reason, created_at)
				values (?, ?, ?, 'someone', 'GUARDIAN', '', now())""").params(UUID.randomUUID(), oldMessage, UUID.randomUUID())
			.update();
		// Started long ago, but written in within the period: kept whole.
		UUID alive = thread(firstKept.minusSeconds(86400 * 400), firstKept.plusSeconds(60));
		UUID aliveMessage = message(alive, firstKept.plusSeconds(60));
		Attachment kept = attach(aliveMessage);

		assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(1);

		assertThat(count("select count(*) from messaging.conversation where id = ?", old)).isZero();
		assertThat(count("select count(*) from messaging.conversation_message where id = ?", oldMessage)).isZero();
		assertThat(count("select count(*) from messaging.conversation_report where message_id = ?", oldMessage)).isZero();
		assertThat(attachments.find(file.id())).as("the old file").isEmpty();
		assertThat(count("select count(*) from messaging.attachment_chunk where attachment_id = ?", file.id().value())).isZero();
		assertThat(count("select count(*) from messaging.conversation where id = ?", alive)).isOne();
		assertThat(count("select count(*) from messaging.conversation_message where id = ?", aliveMessage)).isOne();
		assertThat(attachments.find(kept.id())).as("the file of the thread still in use").isPresent();
	}

	@Test
	void theRetentionIsThreeYearsUnlessTheDistrictSetsItsOwn(@Autowired ConversationSettings settings) {
		assertThat(settings.retention()).isEqualTo(java.time.Period.ofYears(3));
		assertThat(settings.digestAt()).isEqualTo(LocalTime.of(7, 0));
	}

	private UUID thread(Instant created, Instant lastActivity) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.conversation (id, student_id, school_id, staff_id, addressed_to, shared, started_by, status,
				                                    last_author_side, created_at, last_activity_at)
				values (?, ?, ?, ?, 'STAFF', false, 'STAFF', 'OPEN', 'STAFF', ?, ?)""")
			.params(id, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Timestamp.from(created),
					Timestamp.from(lastActivity))
			.update();
		jdbc.sql("insert into messaging.conversation_guardian (conversation_id, guardian_id) values (?, ?)")
			.params(id, UUID.randomUUID()).update();
		return id;
	}

	private UUID message(UUID thread, Instant at) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.conversation_message (id, conversation_id, author_side, author_staff_id, author_name,
				                                            author_role, body, created_at, delivered_at)
				values (?, ?, 'STAFF', ?, 'Ms. Rivera', 'TEACHER', 'Hello', ?, ?)""")
			.params(id, thread, UUID.randomUUID(), Timestamp.from(at), Timestamp.from(at)).update();
		return id;
	}

	private Attachment attach(UUID message) {
		byte[] pdf = ("%PDF-1.7\n" + message + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
		Attachment stored = attachments.store(List.of(new AttachmentUpload("note.pdf", new ByteArrayResource(pdf)))).get(0);
		jdbc.sql("insert into messaging.conversation_attachment (message_id, attachment_id, position) values (?, ?, 0)")
			.params(message, stored.id().value()).update();
		return stored;
	}

	private int count(String sql, Object id) {
		return jdbc.sql(sql).param(id).query(Integer.class).single();
	}
}
