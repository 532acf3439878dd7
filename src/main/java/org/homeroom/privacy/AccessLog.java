package org.homeroom.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.directory.StudentRecordsAccessed;
import org.homeroom.directory.StudentRecordsAccessedTogether;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Records every disclosure the directory reports, a read alone or the reads of one page together. The listener runs after the read's transaction
 * commits, from the event publication registry, so a crash between the two loses nothing: the
 * event is republished on restart.
 */
@Service
public class AccessLog {

	static final int PAGE_SIZE = 50;

	private final JdbcClient jdbc;

	AccessLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One row for each student the read showed, so that a student's own log lists every search, list
	 * and report they appeared in (34 CFR 99.32).
	 */
	@ApplicationModuleListener
	void on(StudentRecordsAccessed event) {
		withoutFlush();
		write(event);
	}

	/** The reads of one page: the same rows as for each read alone, in one transaction. */
	@ApplicationModuleListener
	void on(StudentRecordsAccessedTogether event) {
		withoutFlush();
		event.reads().forEach(this::write);
	}

	/**
	 * This transaction's commit is not flushed to disk: the registry then marks the event completed
	 * in a transaction of its own, whose synchronous commit flushes the log before it. A crash in
	 * between loses both, and the event, still outstanding, is republished on restart. Every read
	 * otherwise paid for two flushes.
	 */
	private void withoutFlush() {
		jdbc.sql("set local synchronous_commit = off").update();
	}

	/**
	 * However many students a report shows, the rows go in as one statement: the ids travel as a
	 * single array parameter and are unnested in the database, rather than a round trip per student.
	 */
	private void write(StudentRecordsAccessed event) {
		List<UUID> shown = event.studentIds().stream().distinct().toList();
		if (shown.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into privacy.access_log (id, actor, student_id, what, purpose, query, student_count, at)
				select gen_random_uuid(), :actor, shown.student_id, :what, :purpose, :query, :count, :at
				from unnest(cast(:students as uuid[])) as shown (student_id)""")
			.param("actor", event.actor())
			.param("what", event.what())
			.param("purpose", event.purpose())
			.param("query", event.query())
			.param("count", shown.size())
			.param("at", Timestamp.from(event.at()))
			.param("students", shown.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
			.update();
	}

	/**
	 * Entries newest first. Every filter is optional; {@code page} counts from 0.
	 */
	public Page search(Filter filter) {
		String where = """
				where (cast(:student as uuid) is null or student_id = :student)
				  and (:actor = '' or actor ilike '%' || :actor || '%')
				  and (cast(:from as timestamptz) is null or at >= :from)
				  and (cast(:until as timestamptz) is null or at < :until)""";
		var query = jdbc.sql("select count(*) from privacy.access_log " + where);
		long total = bind(query, filter).query(Long.class).single();
		List<Entry> entries = bind(jdbc.sql("""
				select actor, student_id, what, purpose, query, student_count, at from privacy.access_log
				""" + where + " order by at desc, id limit :limit offset :offset"), filter)
			.param("limit", PAGE_SIZE)
			.param("offset", filter.page() * PAGE_SIZE)
			.query((rs, row) -> new Entry(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant()))
			.list();
		return new Page(entries, filter.page(), PAGE_SIZE, total);
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter filter) {
		return spec.param("student", filter.studentId())
			.param("actor", filter.actor() == null ? "" : filter.actor().strip())
			.param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
			.param("until", filter.until() == null ? null : Timestamp.from(filter.until()));
	}

	public record Filter(UUID studentId, String actor, Instant from, Instant until, int page) {

		public Filter {
			page = Math.max(page, 0);
		}
	}

	public record Entry(String actor, UUID studentId, String what, String purpose, String query, int studentCount,
			Instant at) {
	}

	public record Page(List<Entry> entries, int page, int size, long total) {
	}
}
