package org.homeroom.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who takes part in a conversation about a student, for messaging: which staff a family may write
 * to (the child's teachers today, the counsellors and the office of the school attended today), how
 * a member of staff is introduced to a family (their name and their post towards this student),
 * and a guardian's name, language and first confirmed e-mail address for a notification. Whether
 * anyone may see the student or be contacted is not decided here but by {@link Directory#canSee}
 * and {@link Audiences#guardiansToContactAbout}; nothing here is logged, because nothing here is a
 * student's record.
 */
@Service
public class ConversationParties {

	/** Whom a school's office is: the staff who answer a family's message to "the office". */
	public static final List<String> OFFICE_ROLES = List.of("SCHOOL_ADMIN", "FAMILY_LIAISON");

	/**
	 * A member of staff as a family sees them beside a message: {@code role} is their post towards
	 * the student (TEACHER, COUNSELOR, SCHOOL_ADMIN, FAMILY_LIAISON, ATTENDANCE_OFFICER, or STAFF
	 * when they hold none at the student's school) and {@code grade} the student's grade when they
	 * teach the student, for "3rd-grade teacher".
	 */
	public record StaffCard(UUID id, String name, String role, String grade) {
	}

	/** A guardian as a notification needs them; {@code email} is null when none is confirmed. */
	public record GuardianCard(UUID id, String name, String preferredLanguage, String email) {
	}

	private static final List<String> POSTS_IN_ORDER = List.of("TEACHER", "COUNSELOR", "SCHOOL_ADMIN", "FAMILY_LIAISON",
			"ATTENDANCE_OFFICER");

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	ConversationParties(JdbcClient jdbc, DistrictClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The school the student attends today, if any. */
	@Transactional(readOnly = true)
	public Optional<UUID> schoolOf(UUID studentId) {
		return jdbc.sql("""
				select school_id from directory.enrolment where student_id = :student and starts_on <= :today
				  and (ends_on is null or ends_on >= :today) order by starts_on desc limit 1""")
			.param("student", studentId).param("today", clock.today()).query(UUID.class).optional();
	}

	/** How the member of staff is introduced to the student's family; empty for no active staff record. */
	@Transactional(readOnly = true)
	public Optional<StaffCard> staffCard(UUID staffId, UUID studentId) {
		Optional<String> name = jdbc.sql("select given_name || ' ' || family_name from directory.staff where id = ? and active")
			.param(staffId).query(String.class).optional();
		if (name.isEmpty()) {
			return Optional.empty();
		}
		boolean teaches = teachersOf(studentId).stream().anyMatch(teacher -> teacher.id().equals(staffId));
		if (teaches) {
			String grade = jdbc.sql("select grade from directory.student where id = ?").param(studentId)
				.query(String.class).single();
			return Optional.of(new StaffCard(staffId, name.get(), "TEACHER", grade));
		}
		List<String> roles = jdbc.sql("""
				select a.role from directory.staff_assignment a where a.staff_id = :staff and a.school_id in (
				  select e.school_id from directory.enrolment e where e.student_id = :student and e.starts_on <= :today
				    and (e.ends_on is null or e.ends_on >= :today))""")
			.param("staff", staffId).param("student", studentId).param("today", clock.today())
			.query(String.class).list();
		String role = POSTS_IN_ORDER.stream().filter(post -> !post.equals("TEACHER") && roles.contains(post)).findFirst()
			.orElse(roles.contains("TEACHER") ? "TEACHER" : "STAFF");
		return Optional.of(new StaffCard(staffId, name.get(), role, null));
	}

	/** The active staff who teach a class the student is in today, by name. */
	@Transactional(readOnly = true)
	public List<StaffCard> teachersOf(UUID studentId) {
		return jdbc.sql("""
				select distinct st.id, st.given_name || ' ' || st.family_name as name, s.grade
				from directory.section_enrolment se
				join directory.section sec on sec.id = se.section_id and sec.active
				join directory.section_teacher t on t.section_id = se.section_id
				join directory.staff st on st.id = t.staff_id and st.active
				join directory.student s on s.id = se.student_id
				where se.student_id = :student and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)
				order by 2, 1""")
			.param("student", studentId).param("today", clock.today())
			.query((rs, row) -> new StaffCard(rs.getObject(1, UUID.class), rs.getString(2), "TEACHER", rs.getString(3)))
			.list();
	}

	/** The active staff assigned at the school in one of the roles, by name, each once. */
	@Transactional(readOnly = true)
	public List<StaffCard> staffAt(UUID schoolId, Collection<String> roles) {
		return jdbc.sql("""
				select st.id, st.given_name || ' ' || st.family_name as name, min(a.role) as role
				from directory.staff_assignment a join directory.staff st on st.id = a.staff_id and st.active
				where a.school_id = :school and a.role in (:roles)
				group by st.id, st.given_name, st.family_name order by 2, 1""")
			.param("school", schoolId).param("roles", roles)
			.query((rs, row) -> new StaffCard(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), null))
			.list();
	}

	/** Whether the member of staff holds one of the roles at the school. */
	@Transactional(readOnly = true)
	public boolean holdsRoleAt(UUID staffId, UUID schoolId, Collection<String> roles) {
		return jdbc.sql("""
				select exists (select 1 from directory.staff_assignment
				               where staff_id = :staff and school_id = :school and role in (:roles))""")
			.param("staff", staffId).param("school", schoolId).param("roles", roles).query(Boolean.class).single();
	}

	/** The schools where the member of staff holds one of the roles. */
	@Transactional(readOnly = true)
	public List<UUID> schoolsWhereRole(UUID staffId, Collection<String> roles) {
		return jdbc.sql("select distinct school_id from directory.staff_assignment where staff_id = :staff and role in (:roles)")
			.param("staff", staffId).param("roles", roles).query(UUID.class).list();
	}

	/** The member of staff's e-mail address (their sign-in name), while their record is active. */
	@Transactional(readOnly = true)
	public Optional<String> staffEmail(UUID staffId) {
		return jdbc.sql("select email from directory.staff where id = ? and active and email is not null").param(staffId)
			.query(String.class).optional();
	}

	/** A guardian's name, language and first confirmed, valid e-mail address. */
	@Transactional(readOnly = true)
	public Optional<GuardianCard> guardian(UUID guardianId) {
		return jdbc.sql("""
				select gu.id, gu.given_name || ' ' || gu.family_name, gu.preferred_language,
				       (select c.value from directory.contact_point c where c.guardian_id = gu.id and c.kind = 'EMAIL'
				          and c.valid and c.verified order by c.position, c.value limit 1)
				from directory.guardian gu where gu.id = ? and gu.active""")
			.param(guardianId)
			.query((rs, row) -> new GuardianCard(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional();
	}
}
