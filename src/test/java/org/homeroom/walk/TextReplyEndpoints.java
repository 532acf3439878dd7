package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.Walked.on;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to the school office's queue of texts: their family texted from their phone
 * and the text waits for their school's office. Nobody of another school sees their number, files
 * the text or dismisses it; a teacher or a family has no queue at all. A district administrator
 * handles every school's texts.
 */
final class TextReplyEndpoints {

	private TextReplyEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc) {
		String phone = "+1555" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
		jdbc.sql("""
				insert into directory.contact_point (id, guardian_id, kind, value, valid, position)
				values (?, ?, 'PHONE', ?, true, 9)""").params(UUID.randomUUID(), their.guardian, phone).update();
		UUID text = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.sms_inbound (id, provider_sid, from_number, to_number, body, received_at, status)
				values (?, ?, ?, '+15005550006', ?, ?, 'WAITING')""")
			.params(text, "SM" + text.toString().replace("-", ""), phone, "Their text " + their.tag,
					Timestamp.from(Instant.now()))
			.update();
		Supplier<String> theirText = rows(jdbc,
				"select row_to_json(i)::text from messaging.sms_inbound i where id = ?", text);
		return List.of(
				on("GET", "/conversations/office-queue").mayAct(DISTRICT_ADMIN).neverShows(phone).control(DISTRICT_ADMIN, 200),
				on("GET", "/conversations/office-queue/{id}/dismiss").at(text).mayAct(DISTRICT_ADMIN)
					.control(DISTRICT_ADMIN, 200),
				on("POST", "/conversations/office-queue/{id}/dismiss").at(text).mayAct(DISTRICT_ADMIN).unchanged(theirText),
				on("POST", "/conversations/office-queue/{id}/file").at(text).form("conversationId", UUID.randomUUID().toString())
					.mayAct(DISTRICT_ADMIN).unchanged(theirText));
	}
}
