package org.homeroom.messaging.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The conversation tables, in plain SQL: the rules about who may do what are the service's; this
 * class only reads and writes rows. Lists are filtered here by the threads a caller takes part in,
 * and by the students the service has already found visible.
 */
@Repository
class ConversationStore {

	/** A thread's row with its guardians. */
	record Row(UUID id, UUID studentId, UUID schoolId, UUID staffId, String addressedTo, boolean shared, String status,
			String lastAuthorSide, Instant createdAt, Instant lastActivityAt, List<UUID> guardians,
			Instant autoAnsweredUntil) {

		Row(UUID id, UUID studentId, UUID schoolId, UUID staffId, String addressedTo, boolean shared, String status,
				String lastAuthorSide, Instant createdAt, Instant lastActivityAt, List<UUID> guardians) {
			this(id, studentId, schoolId, staffId, addressedTo, shared, status, lastAuthorSide, createdAt, lastActivityAt,
					guardians, null);
		}

		boolean unanswered() {
			return "GUARDIAN".equals(lastAuthorSide) && "OPEN".equals(status);
		}
	}

	/** A message's row. */
	record MessageRow(UUID id, String authorSide, UUID authorStaffId, UUID authorGuardianId, String authorName,
			String authorRole, String authorGrade, String body, Instant createdAt, Instant deliveredAt, Instant readAt,
			UUID corrects) {
	}

	/** Which threads a list may hold: the caller's own as staff, their schools' offices', their guardians', or all. */
	record Scope(boolean all, UUID staffId, Collection<UUID> officeSchools, Collection<UUID> guardians) {
	}

	private static final UUID NOBODY = new UUID(0, 0);

	private static final String COLUMNS = """
			c.id, c.student_id, c.school_id, c.staff_id, c.addressed_to, c.shared, c.status, c.last_author_side,
			c.created_at, c.last_activity_at, c.auto_answered_until,
			array(select g.guardian_id from messaging.conversation_guardian g where g.conversation_id = c.id
			      order by g.guardian_id) as guardians""";

	private static final String IN_SCOPE = """
			(:all or c.staff_id = :staff
			 or (c.addressed_to = 'OFFICE' and c.school_id in (:officeSchools))
			 or exists (select 1 from messaging.conversation_guardian g
			            where g.conversation_id = c.id and g.guardian_id in (:guardians)))""";

	private final JdbcClient jdbc;

	ConversationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Row row) {
		jdbc.sql("""
				insert into messaging.conversation (id, student_id, school_id, staff_id, addressed_to, shared, started_by, status,
				                                    last_author_side, created_at, last_activity_at)
				values (:id, :student, :school, :staff, :to, :shared, :startedBy, 'OPEN', :startedBy, :at, :at)""")
			.param("id", row.id()).param("student", row.studentId()).param("school", row.schoolId())
			.param("staff", row.staffId()).param("to", row.addressedTo()).param("shared", row.shared())
			.param("startedBy", row.lastAuthorSide()).param("at", Timestamp.from(row.createdAt()))
			.update();
		for (UUID guardian : row.guardians()) {
			jdbc.sql("insert into messaging.conversation_guardian (conversation_id, guardian_id) values (?, ?)")
				.params(row.id(), guardian).update();
		}
	}

	void insert(UUID conversationId, MessageRow message) {
		jdbc.sql("""
				insert into messaging.conversation_message (id, conversation_id, author_side, author_staff_id, author_guardian_id,
				    author_name, author_role, author_grade, body, created_at, delivered_at, corrects_message_id)
				values (:id, :conversation, :side, :staff, :guardian, :name, :role, :grade, :body, :at, :delivered, :corrects)""")
			.param("id", message.id()).param("conversation", conversationId).param("side", message.authorSide())
			.param("staff", message.authorStaffId()).param("guardian", message.authorGuardianId())
			.param("name", message.authorName()).param("role", message.authorRole()).param("grade", message.authorGrade())
			.param("body", message.body()).param("at", Timestamp.from(message.createdAt()))
			.param("delivered", message.deliveredAt() == null ? null : Timestamp.from(message.deliveredAt()))
			.param("corrects", message.corrects())
			.update();
		// An automatic answer is no answer: the thread still waits for staff.
		jdbc.sql("""
				update messaging.conversation
				set last_author_side = case when :side = 'SYSTEM' then last_author_side else :side end, last_activity_at = :at
				where id = :id""")
			.param("side", message.authorSide()).param("at", Timestamp.from(message.createdAt())).param("id", conversationId)
			.update();
	}

	/** Records that the thread had its automatic answer for the closed period ending then. */
	void autoAnswered(UUID conversationId, Instant until) {
		jdbc.sql("update messaging.conversation set auto_answered_until = ? where id = ?")
			.params(Timestamp.from(until), conversationId).update();
	}

	/** Closes an open thread; false when it was closed already. */
	boolean close(UUID conversationId, String by, Instant at) {
		return jdbc.sql("""
				update messaging.conversation set status = 'CLOSED', closed_at = ?, closed_by = ?
				where id = ? and status = 'OPEN'""")
			.params(Timestamp.from(at), by, conversationId).update() == 1;
	}

	Optional<Row> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from messaging.conversation c where c.id = ?").param(id)
			.query(ConversationStore::row).optional();
	}

	/** Locks the thread's row, so that two posts to one thread are ordered. */
	Optional<Row> lock(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from messaging.conversation c where c.id = ? for update").param(id)
			.query(ConversationStore::row).optional();
	}

	List<MessageRow> messages(UUID conversationId) {
		return jdbc.sql("""
				select id, author_side, author_staff_id, author_guardian_id, author_name, author_role, author_grade, body,
				       created_at, delivered_at, read_at, corrects_message_id
				from messaging.conversation_message where conversation_id = ? order by created_at, id""")
			.param(conversationId).query(ConversationStore::message).list();
	}

	/**
	 * The thread's messages and their stored translations, counted together: what a thread page's
	 * live stream watches, so that a translation made after the page was shown refreshes it too.
	 */
	long shownCount(UUID conversationId) {
		return jdbc.sql("""
				select count(*) + (select count(*) from messaging.conversation_message_translation t
				                   join messaging.conversation_message m on m.id = t.message_id
				                   where m.conversation_id = :id)
				from messaging.conversation_message where conversation_id = :id""").param("id", conversationId)
			.query(Long.class).single();
	}

	Optional<MessageRow> message(UUID conversationId, UUID messageId) {
		return messages(conversationId).stream().filter(message -> message.id().equals(messageId)).findFirst();
	}

	/**
	 * Marks what the other side wrote as read now, the first time this side opens it; the family
	 * opening it also reads the automatic answers, which are written to them.
	 */
	void markRead(UUID conversationId, String otherSide, Instant at) {
		jdbc.sql("""
				update messaging.conversation_message set read_at = :at
				where conversation_id = :id and read_at is null and delivered_at is not null
				  and (author_side = :side or (:side = 'STAFF' and author_side = 'SYSTEM'))""")
			.param("at", Timestamp.from(at)).param("id", conversationId).param("side", otherSide).update();
	}

	/** The students of the threads in scope (and, when given, about this student). */
	List<UUID> students(Scope scope, UUID studentId, boolean unansweredOnly) {
		return jdbc.sql("select distinct c.student_id from messaging.conversation c where " + IN_SCOPE
				+ " and (cast(:student as uuid) is null or c.student_id = :student)"
				+ (unansweredOnly ? " and c.last_author_side = 'GUARDIAN' and c.status = 'OPEN'" : ""))
			.params(scope(scope)).param("student", studentId).query(UUID.class).list();
	}

	long count(Scope scope, Collection<UUID> students, boolean unansweredOnly) {
		if (students.isEmpty()) {
			return 0;
		}
		return jdbc.sql("select count(*) from messaging.conversation c where " + IN_SCOPE + " and c.student_id in (:students)"
				+ (unansweredOnly ? " and c.last_author_side = 'GUARDIAN' and c.status = 'OPEN'" : ""))
			.params(scope(scope)).param("students", students).query(Long.class).single();
	}

	List<Row> page(Scope scope, Collection<UUID> students, boolean unansweredOnly, int page, int size) {
		if (students.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from messaging.conversation c where " + IN_SCOPE
				+ " and c.student_id in (:students)"
				+ (unansweredOnly ? " and c.last_author_side = 'GUARDIAN' and c.status = 'OPEN'" : "")
				+ " order by c.last_activity_at desc, c.id limit :limit offset :offset")
			.params(scope(scope)).param("students", students).param("limit", size).param("offset", (long) page * size)
			.query(ConversationStore::row).list();
	}

	/** How many messages of the other side in each thread are not read yet. */
	Map<UUID, Long> unread(Collection<UUID> conversations, String otherSide) {
		if (conversations.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				select conversation_id, count(*) from messaging.conversation_message
				where conversation_id in (:ids) and author_side = :side and read_at is null group by conversation_id""")
			.param("ids", conversations).param("side", otherSide)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list().stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** The newest messages of the given threads, newest first. */
	List<Map.Entry<UUID, MessageRow>> recent(Collection<UUID> conversations, int limit) {
		if (conversations.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select conversation_id, id, author_side, author_staff_id, author_guardian_id, author_name, author_role, author_grade,
				       body, created_at, delivered_at, read_at, corrects_message_id
				from messaging.conversation_message where conversation_id in (:ids)
				order by created_at desc, id limit :limit""")
			.param("ids", conversations).param("limit", limit)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), message(rs, row))).list();
	}

	/** The open threads of a guardian with activity since then, newest first. */
	List<Row> openThreadsOf(UUID guardianId, Instant since) {
		return jdbc.sql("select " + COLUMNS + """
				 from messaging.conversation c join messaging.conversation_guardian g on g.conversation_id = c.id
				where g.guardian_id = ? and c.status = 'OPEN' and c.last_activity_at >= ?
				order by c.last_activity_at desc, c.id""")
			.params(guardianId, Timestamp.from(since)).query(ConversationStore::row).list();
	}

	void report(UUID id, UUID messageId, UUID schoolId, String reportedBy, String side, String reason, Instant at) {
		jdbc.sql("""
				insert into messaging.conversation_report (id, message_id, school_id, reported_by, reporter_side, reason, created_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (message_id, reported_by) do nothing""")
			.params(id, messageId, schoolId, reportedBy, side, reason, Timestamp.from(at)).update();
	}

	/** Marks an open report resolved; false when there is no such open report in these schools. */
	boolean resolveReport(UUID reportId, boolean allSchools, Collection<UUID> schools, String by, Instant at) {
		return jdbc.sql("""
				update messaging.conversation_report set resolved_at = :at, resolved_by = :by
				where id = :id and resolved_at is null and (:all or school_id in (:schools))""")
			.param("at", Timestamp.from(at)).param("by", by).param("id", reportId).param("all", allSchools)
			.param("schools", orNobody(schools)).update() == 1;
	}

	/** Open reports of the schools given (or every school), newest first, with the message reported. */
	List<AbuseReport> reports(boolean allSchools, Collection<UUID> schools) {
		return jdbc.sql("""
				select r.id, m.conversation_id, m.id, c.student_id, m.author_name, m.body, r.reported_by, r.reporter_side,
				       r.reason, r.created_at
				from messaging.conversation_report r
				join messaging.conversation_message m on m.id = r.message_id
				join messaging.conversation c on c.id = m.conversation_id
				where r.resolved_at is null and (:all or r.school_id in (:schools))
				order by r.created_at desc limit 200""")
			.param("all", allSchools).param("schools", orNobody(schools))
			.query((rs, row) -> new AbuseReport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), null, rs.getString(5), rs.getString(6),
					rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()))
			.list();
	}

	private static Map<String, Object> scope(Scope scope) {
		return Map.of("all", scope.all(), "staff", scope.staffId() == null ? NOBODY : scope.staffId(), "officeSchools",
				orNobody(scope.officeSchools()), "guardians", orNobody(scope.guardians()));
	}

	private static Collection<UUID> orNobody(Collection<UUID> ids) {
		return ids == null || ids.isEmpty() ? List.of(NOBODY) : ids;
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		UUID[] guardians = (UUID[]) rs.getArray("guardians").getArray();
		return new Row(rs.getObject("id", UUID.class), rs.getObject("student_id", UUID.class),
				rs.getObject("school_id", UUID.class), rs.getObject("staff_id", UUID.class), rs.getString("addressed_to"),
				rs.getBoolean("shared"), rs.getString("status"), rs.getString("last_author_side"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_activity_at").toInstant(),
				Arrays.asList(guardians), instant(rs.getTimestamp("auto_answered_until")));
	}

	private static MessageRow message(ResultSet rs, int row) throws SQLException {
		return new MessageRow(rs.getObject("id", UUID.class), rs.getString("author_side"),
				rs.getObject("author_staff_id", UUID.class), rs.getObject("author_guardian_id", UUID.class),
				rs.getString("author_name"), rs.getString("author_role"), rs.getString("author_grade"), rs.getString("body"),
				rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("delivered_at")),
				instant(rs.getTimestamp("read_at")), rs.getObject("corrects_message_id", UUID.class));
	}

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}
}
