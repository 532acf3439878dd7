package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.WalkWorld.STAFF;
import static org.homeroom.walk.WalkWorld.THEIR_FAMILY;
import static org.homeroom.walk.WalkWorld.THEIR_TEACHER;
import static org.homeroom.walk.Walked.on;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to conversations: a thread between their teacher and their family about their
 * student, with one message from the teacher. Nobody else may read it, write in it, report its
 * message, or start a thread about their student; a district administrator may read it (logged).
 */
final class ConversationEndpoints {

	private ConversationEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc) {
		UUID thread = UUID.randomUUID();
		UUID message = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				insert into messaging.conversation (id, student_id, school_id, staff_id, addressed_to, shared, started_by, status,
				                                    last_author_side, created_at, last_activity_at)
				values (?, ?, ?, ?, 'STAFF', false, 'STAFF', 'OPEN', 'STAFF', ?, ?)""")
			.params(thread, their.student, their.roosevelt, their.theirStaff, now, now).update();
		jdbc.sql("insert into messaging.conversation_guardian (conversation_id, guardian_id) values (?, ?)")
			.params(thread, their.guardian).update();
		String body = "Their conversation " + their.tag;
		jdbc.sql("""
				insert into messaging.conversation_message (id, conversation_id, author_side, author_staff_id, author_name,
				                                            author_role, author_grade, body, created_at, delivered_at)
				values (?, ?, 'STAFF', ?, 'Their teacher', 'TEACHER', '08', ?, ?, ?)""")
			.params(message, thread, their.theirStaff, body, now, now).update();
		// Their family reported it, so that the administrators' list has something of theirs to keep to itself.
		UUID report = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.conversation_report (id, message_id, school_id, reported_by, reporter_side, reason, created_at)
				values (?, ?, ?, 'their family', 'GUARDIAN', 'Walk report', ?)""")
			.params(report, message, their.roosevelt, now).update();
		Supplier<String> threadState = rows(jdbc, "select status || coalesce(closed_by, '') from messaging.conversation where id = ?",
				thread);
		Supplier<String> reportState = rows(jdbc,
				"select coalesce(resolved_by, 'open') from messaging.conversation_report where id = ?", report);
		// A file on their teacher's message, kept in the database.
		UUID attachment = UUID.randomUUID();
		byte[] pdf = ("%PDF-1.7\n" + their.tag + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		jdbc.sql("""
				insert into messaging.attachment (id, file_name, content_type, size, sha256, stored_in, stored_at)
				values (?, 'their.pdf', 'application/pdf', ?, ?, 'DATABASE', ?)""")
			.params(attachment, pdf.length, "0".repeat(64), now).update();
		jdbc.sql("insert into messaging.attachment_chunk (attachment_id, seq, data) values (?, 0, ?)").params(attachment, pdf)
			.update();
		jdbc.sql("insert into messaging.conversation_attachment (message_id, attachment_id, position) values (?, ?, 0)")
			.params(message, attachment).update();
		Supplier<String> messages = rows(jdbc,
				"select coalesce(json_agg(m order by m.id)::text, '[]') from messaging.conversation_message m where conversation_id = ?",
				thread);
		Supplier<String> threadsAboutThem = rows(jdbc, "select count(*)::text from messaging.conversation where student_id = ? and id <> ?",
				their.student, thread);
		Supplier<String> reports = rows(jdbc, "select count(*)::text from messaging.conversation_report where message_id = ?",
				message);
		return List.of(
				on("POST", "/api/v1/conversations").json("""
						{"studentId": "%s", "guardianId": "%s", "body": "Intrusion"}""".formatted(their.student, their.guardian))
					.mayAct(DISTRICT_ADMIN).createsNothing(threadsAboutThem),
				// Each caller's own threads only; a district administrator asks about one student to see them all.
				on("GET", "/api/v1/conversations").neverShows(thread.toString()).control(THEIR_TEACHER, 200),
				on("GET", "/api/v1/conversations").variant("about their student").query("studentId=" + their.student)
					.mayAct(DISTRICT_ADMIN).neverShows(thread.toString()).control(DISTRICT_ADMIN, 200),
				on("GET", "/api/v1/conversations/{id}").at(thread).mayAct(DISTRICT_ADMIN).unchanged(messages)
					.control(THEIR_FAMILY, 200),
				on("POST", "/api/v1/conversations/{id}/messages").at(thread).json("{\"body\": \"Intrusion\"}")
					.unchanged(messages),
				on("POST", "/api/v1/conversations/{id}/messages").variant("with a file").at(thread).uploading(pdf)
					.shaped(request -> request.param("body", "Intrusion")).unchanged(messages),
				on("POST", "/api/v1/conversations/{id}/messages/{messageId}/report").at(thread, message)
					.json("{\"reason\": \"Intrusion\"}").unchanged(reports),
				// Reports are the administrators' own list, of their own schools.
				on("GET", "/api/v1/conversation-reports").mayAct(DISTRICT_ADMIN).neverShows(body).control(DISTRICT_ADMIN, 200),
				on("GET", "/api/v1/me/conversations").neverShows(thread.toString()).control(THEIR_FAMILY, 200),
				on("POST", "/api/v1/me/conversations").json("""
						{"studentId": "%s", "to": "OFFICE", "body": "Intrusion"}""".formatted(their.student))
					.createsNothing(threadsAboutThem),

				// Staff pages: each member of staff's own threads; the thread itself for its teacher (and oversight).
				on("GET", "/conversations").neverShows(thread.toString()).control(THEIR_TEACHER, 200),
				on("GET", "/conversations/{id}").at(thread).mayAct(DISTRICT_ADMIN).unchanged(messages)
					.control(THEIR_TEACHER, 200),
				on("GET", "/conversations/{id}/messages").at(thread).mayAct(DISTRICT_ADMIN).unchanged(messages)
					.control(THEIR_TEACHER, 200),
				on("GET", "/conversations/{id}/stream").at(thread).mayAct(DISTRICT_ADMIN),
				// The caller's own count of unanswered threads.
				on("GET", "/conversations/badge").mayAct(STAFF),
				on("POST", "/conversations/{id}").at(thread).form("body", "Intrusion").unchanged(messages),
				on("POST", "/conversations/{id}/messages/{messageId}/report").at(thread, message)
					.form("reason", "Intrusion").unchanged(reports),
				// Files: only through a thread the caller stands in (a district administrator's oversight included).
				on("GET", "/conversations/{id}/attachments/{attachmentId}").at(thread, attachment).mayAct(DISTRICT_ADMIN)
					.control(THEIR_TEACHER, 200),
				on("GET", "/family/conversations/{id}/attachments/{attachmentId}").at(thread, attachment)
					.control(THEIR_FAMILY, 200),
				// Closing is the thread's own staff's; resolving a report its school's administrators' (and the district's).
				on("POST", "/conversations/{id}/close").at(thread).form("confirm", "true").unchanged(threadState),
				on("POST", "/conversations/reports/{reportId}/resolve").at(report).form("confirm", "true")
					.mayAct(DISTRICT_ADMIN).unchanged(reportState),
				on("GET", "/conversations/reports").mayAct(DISTRICT_ADMIN).neverShows(body).control(DISTRICT_ADMIN, 200),
				on("GET", "/students/{studentId}/message").at(their.student).mayAct(DISTRICT_ADMIN)
					.control(THEIR_TEACHER, 200),
				on("POST", "/students/{studentId}/message").at(their.student).mayAct(DISTRICT_ADMIN)
					.form("guardianId", their.guardian.toString(), "body", "Intrusion").createsNothing(threadsAboutThem),
				on("POST", "/students/{studentId}/message").variant("with a file").at(their.student).mayAct(DISTRICT_ADMIN)
					.uploading("attachments", pdf).shaped(request -> request.param("guardianId", their.guardian.toString())
						.param("body", "Intrusion")).createsNothing(threadsAboutThem),

				// Family pages: their own threads and children only.
				on("GET", "/family/conversations").neverShows(thread.toString()).control(THEIR_FAMILY, 200),
				on("GET", "/family/conversations/{id}").at(thread).unchanged(messages).control(THEIR_FAMILY, 200),
				on("GET", "/family/conversations/{id}/messages").at(thread).unchanged(messages).control(THEIR_FAMILY, 200),
				on("GET", "/family/conversations/{id}/stream").at(thread),
				on("POST", "/family/conversations/{id}").at(thread).form("body", "Intrusion").unchanged(messages),
				on("POST", "/family/conversations/{id}/messages/{messageId}/report").at(thread, message)
					.form("reason", "Intrusion").unchanged(reports),
				on("GET", "/family/children/{studentId}/message").at(their.student).control(THEIR_FAMILY, 200),
				on("POST", "/family/children/{studentId}/message").at(their.student).form("to", "OFFICE", "body", "Intrusion")
					.createsNothing(threadsAboutThem),
				on("POST", "/family/children/{studentId}/message").variant("with a file").at(their.student)
					.uploading("attachments", pdf).shaped(request -> request.param("to", "OFFICE").param("body", "Intrusion"))
					.createsNothing(threadsAboutThem));
	}
}
