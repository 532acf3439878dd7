package org.homeroom.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one rule for who may see a student (ARCHITECTURE.md, "Security and privacy model"):
 * <ul>
 * <li>a district administrator;</li>
 * <li>a guardian with educational rights and no no-records restriction in force;</li>
 * <li>a teacher of a class the student is enrolled in today;</li>
 * <li>a school administrator, counsellor, family liaison or attendance officer assigned to a school
 * where the student is enrolled today.</li>
 * </ul>
 * It is written once, as a SQL condition on a student row aliased {@code s}, so that a check of
 * one student and a search over thousands apply exactly the same rule in the database.
 */
final class AccessPolicy {

	/** Never a real id: keeps {@code in (...)} lists non-empty for viewers without that relation. */
	private static final UUID NOBODY = new UUID(0, 0);

	/*
	 * Written as one set of visible student ids rather than an OR of correlated EXISTS: PostgreSQL
	 * builds the set once and hashes it, where the EXISTS form ran three subqueries per student
	 * (a search over 100,000 students: 59 ms instead of 5 s; see bench/generate-district.sh).
	 */
	/** Students in a class the viewer teaches, today. */
	private static final String TAUGHT_TODAY = """
			select se.student_id from directory.section_enrolment se
			join directory.section_teacher st on st.section_id = se.section_id
			join directory.section sec on sec.id = se.section_id and sec.active
			where st.staff_id = :staffId and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)""";

	/** Students enrolled today at a school where the viewer holds one of the given roles. */
	private static String enrolledTodayWhereViewerIs(String roles) {
		return """
				select e.student_id from directory.enrolment e
				join directory.staff_assignment sa on sa.school_id = e.school_id
				where sa.staff_id = :staffId and sa.role in (%s)
				  and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)""".formatted(roles);
	}

	static final String VISIBLE_STUDENT = """
			(:districtWide or s.id in (
			   select g.student_id from directory.guardianship g
			   where g.guardian_id in (:guardianIds) and g.educational_rights
			     and not exists (select 1 from directory.restriction r
			                     where r.student_id = g.student_id and r.guardian_id = g.guardian_id
			                       and r.type = 'NO_RECORDS' and r.lifted_at is null
			                       and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today))
			   union all %s
			   union all %s))""".formatted(TAUGHT_TODAY,
			enrolledTodayWhereViewerIs("'SCHOOL_ADMIN', 'COUNSELOR', 'FAMILY_LIAISON', 'ATTENDANCE_OFFICER'"));

	/**
	 * Programme flags (English learner, IEP, 504) are narrower still: the student's teachers today,
	 * and the administrators and counsellors of the school they attend today.
	 */
	static final String PROGRAM_FLAGS_VISIBLE = """
			(:districtWide or s.id in (%s
			   union all %s))""".formatted(TAUGHT_TODAY, enrolledTodayWhereViewerIs("'SCHOOL_ADMIN', 'COUNSELOR'"));

	private AccessPolicy() {
	}

	/** The named parameters the conditions above need, for this viewer on this day. */
	static Map<String, Object> parameters(Viewer viewer, LocalDate today) {
		List<UUID> guardians = new ArrayList<>(viewer.guardianIds());
		guardians.add(NOBODY);
		return Map.of("districtWide", viewer.districtAdmin(), "guardianIds", guardians, "staffId",
				viewer.staffId().orElse(NOBODY), "today", today);
	}
}
