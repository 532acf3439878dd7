package org.homeroom.directory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grades the given schools have students in today, in school order (kindergarten before first
 * grade), for choosing an announcement's grades from a list rather than typing them. A count of
 * nothing but grades names no student, so nothing is logged.
 */
@Service
public class SchoolGrades {

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	SchoolGrades(JdbcClient jdbc, DistrictClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<String> at(Collection<java.util.UUID> schoolIds) {
		if (schoolIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select distinct s.grade from directory.student s
				join directory.enrolment e on e.student_id = s.id and e.school_id in (:schools)
				     and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)
				where s.active and s.grade is not null""")
			.param("schools", schoolIds).param("today", clock.today())
			.query(String.class).list().stream()
			.sorted(Comparator.comparingInt((String grade) -> Grade.CODES.indexOf(grade) < 0 ? Integer.MAX_VALUE
					: Grade.CODES.indexOf(grade)).thenComparing(Comparator.naturalOrder()))
			.toList();
	}
}
