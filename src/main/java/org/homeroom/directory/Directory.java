package org.homeroom.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The directory module's entry point. */
@Service
public class Directory {

	private final JdbcClient jdbc;

	private final Clock clock;

	Directory(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whether the viewer may see anything about this student. An unknown student is not visible. */
	@Transactional(readOnly = true)
	public boolean canSee(Viewer viewer, UUID studentId) {
		return holds(AccessPolicy.VISIBLE_STUDENT, viewer, studentId);
	}

	/** Whether the viewer may see the student's programme flags (English learner, IEP, 504). */
	@Transactional(readOnly = true)
	public boolean canSeeProgramFlags(Viewer viewer, UUID studentId) {
		return canSee(viewer, studentId) && holds(AccessPolicy.PROGRAM_FLAGS_VISIBLE, viewer, studentId);
	}

	/** Today in the district's time zone: the day enrolments and restrictions are read against. */
	@Transactional(readOnly = true)
	public LocalDate today() {
		return LocalDate.now(clock.withZone(timeZone()));
	}

	@Transactional(readOnly = true)
	public ZoneId timeZone() {
		return jdbc.sql("select time_zone from directory.district").query(String.class).optional().map(ZoneId::of)
			.orElse(ZoneId.of("UTC"));
	}

	private boolean holds(String condition, Viewer viewer, UUID studentId) {
		return jdbc.sql("select exists (select 1 from directory.student s where s.id = :studentId and " + condition + ")")
			.params(AccessPolicy.parameters(viewer, today()))
			.param("studentId", studentId)
			.query(Boolean.class)
			.single();
	}
}
