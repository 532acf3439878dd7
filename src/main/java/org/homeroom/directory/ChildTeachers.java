package org.homeroom.directory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who teaches a child today, for the child's card on the family home: each teacher once, with the
 * classes they teach the child. Only children the viewer may see are answered, by the one access
 * policy; the caller has logged the children it shows (their names come with the card).
 */
@Service
public class ChildTeachers {

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	ChildTeachers(JdbcClient jdbc, DistrictClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record Teacher(UUID staffId, String name, List<String> classes) {
	}

	/** The teachers of each of the given children the viewer may see, by child; others are left out. */
	@Transactional(readOnly = true)
	public Map<UUID, List<Teacher>> of(Viewer viewer, Collection<UUID> studentIds) {
		if (studentIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, List<Teacher>> teachers = new LinkedHashMap<>();
		jdbc.sql("""
				select s.id, st.id, st.given_name || ' ' || st.family_name, array_agg(sec.title order by sec.title)
				from directory.student s
				join directory.section_enrolment se on se.student_id = s.id
				     and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)
				join directory.section sec on sec.id = se.section_id and sec.active
				join directory.section_teacher t on t.section_id = sec.id
				join directory.staff st on st.id = t.staff_id and st.active
				where s.id in (:ids) and """ + AccessPolicy.VISIBLE_STUDENT + """

				group by s.id, st.id, st.given_name, st.family_name
				order by s.id, st.family_name, st.given_name""")
			.params(AccessPolicy.parameters(viewer, clock.today()))
			.param("ids", studentIds)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), new Teacher(rs.getObject(2, UUID.class),
					rs.getString(3), List.of((String[]) rs.getArray(4).getArray()))))
			.list()
			.forEach(entry -> teachers.computeIfAbsent(entry.getKey(), key -> new java.util.ArrayList<>()).add(entry.getValue()));
		return teachers;
	}
}
