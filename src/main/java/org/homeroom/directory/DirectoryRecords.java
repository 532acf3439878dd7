package org.homeroom.directory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whole records for the directory's pages. Each student-bearing read goes through the access
 * policy in {@link Directory} and is written to the access log like any other read.
 */
@Service
public class DirectoryRecords {

	private final Directory directory;

	private final DistrictClock clock;

	private final JdbcClient jdbc;

	private final GuardianRepository guardians;

	private final StudentRepository students;

	DirectoryRecords(Directory directory, DistrictClock clock, JdbcClient jdbc, GuardianRepository guardians,
			StudentRepository students) {
		this.directory = directory;
		this.clock = clock;
		this.jdbc = jdbc;
		this.guardians = guardians;
		this.students = students;
	}

	@Transactional
	public Optional<Records.StudentRecord> student(Viewer viewer, String actor, String purpose, UUID studentId) {
		Optional<StudentView> student = directory.student(viewer, actor, purpose, studentId);
		if (student.isEmpty()) {
			return Optional.empty();
		}
		LocalDate today = clock.today();
		List<Records.EnrolmentLine> enrolments = jdbc.sql("""
				select e.school_id, s.name as school_name, e.starts_on, e.ends_on,
				       (e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)) as current
				from directory.enrolment e join directory.school s on s.id = e.school_id
				where e.student_id = :student order by e.starts_on desc""")
			.param("student", studentId).param("today", today).query(Records.EnrolmentLine.class).list();
		List<Records.ClassLine> classes = jdbc.sql("""
				select sec.id, sec.title, sec.course_code, sch.name,
				       array(select st.given_name || ' ' || st.family_name from directory.section_teacher t
				             join directory.staff st on st.id = t.staff_id where t.section_id = sec.id order by 1) as teachers
				from directory.section_enrolment se
				join directory.section sec on sec.id = se.section_id and sec.active
				join directory.school sch on sch.id = sec.school_id
				where se.student_id = :student and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)
				order by sec.title""")
			.param("student", studentId).param("today", today)
			.query((rs, row) -> new Records.ClassLine(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), Arrays.asList((String[]) rs.getArray(5).getArray())))
			.list();
		List<GuardianView> guardianViews = directory.guardiansOf(viewer, actor, purpose, studentId).orElse(List.of());
		List<Records.GuardianLine> lines = guardianViews.stream().map(guardian -> {
			var link = jdbc.sql("""
					select relationship, lives_with, emergency_contact, educational_rights from directory.guardianship
					where guardian_id = ? and student_id = ?""").params(guardian.id(), studentId)
				.query((rs, row) -> new Records.GuardianLine(guardian,
						DirectoryCommands.Relationship.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3),
						rs.getBoolean(4), restrictions(guardian.id(), studentId, today)))
				.single();
			return link;
		}).toList();
		return Optional.of(new Records.StudentRecord(student.get(), enrolments, classes, lines));
	}

	/** A guardian's record with the children the reader may see; none visible means no record. */
	@Transactional
	public Optional<Records.GuardianRecord> guardian(Viewer viewer, String actor, String purpose, UUID guardianId) {
		Optional<Guardian> guardian = guardians.findById(guardianId);
		if (guardian.isEmpty()) {
			return Optional.empty();
		}
		LocalDate today = clock.today();
		List<Records.ChildLine> children = jdbc.sql("""
				select s.id, s.given_name, s.family_name, s.grade,
				       (select sch.name from directory.enrolment e join directory.school sch on sch.id = e.school_id
				        where e.student_id = s.id and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)
				        order by e.starts_on desc limit 1),
				       g.relationship, g.educational_rights
				from directory.guardianship g join directory.student s on s.id = g.student_id
				where g.guardian_id = :guardian order by s.given_name""")
			.param("guardian", guardianId).param("today", today)
			.query((rs, row) -> new Records.ChildLine(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), DirectoryCommands.Relationship.valueOf(rs.getString(6)),
					rs.getBoolean(7)))
			.list()
			.stream()
			.filter(child -> directory.canSee(viewer, child.studentId()))
			.toList();
		if (children.isEmpty() && !viewer.districtAdmin()) {
			return Optional.empty();
		}
		directory.recordAccess(actor, children.stream().map(Records.ChildLine::studentId).toList(), "guardian.record",
				purpose, null);
		return Optional.of(new Records.GuardianRecord(guardian.get().view(), children));
	}

	/** The classes a member of staff teaches now, with how many students each has today. */
	@Transactional(readOnly = true)
	public List<Records.ClassSummary> classesTaughtBy(UUID staffId) {
		return jdbc.sql("""
				select sec.id as section_id, sec.title, sec.course_code, sch.name as school_name,
				       (select count(*) from directory.section_enrolment se where se.section_id = sec.id
				          and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)) as students
				from directory.section_teacher t
				join directory.section sec on sec.id = t.section_id and sec.active
				join directory.school sch on sch.id = sec.school_id
				where t.staff_id = :staff order by sec.title""")
			.param("staff", staffId).param("today", clock.today())
			.query(Records.ClassSummary.class).list();
	}

	/** A class's students today, for its teachers and the school's staff; the read is logged. */
	@Transactional
	public Optional<Records.ClassRoster> roster(Viewer viewer, String actor, String purpose, UUID sectionId) {
		LocalDate today = clock.today();
		Optional<Records.ClassSummary> section = jdbc.sql("""
				select sec.id as section_id, sec.title, sec.course_code, sch.name as school_name,
				       (select count(*) from directory.section_enrolment se where se.section_id = sec.id
				          and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)) as students
				from directory.section sec join directory.school sch on sch.id = sec.school_id where sec.id = :section""")
			.param("section", sectionId).param("today", today).query(Records.ClassSummary.class).optional();
		boolean mayOpen = viewer.districtAdmin() || jdbc.sql("""
				select exists (select 1 from directory.section_teacher where section_id = :section and staff_id = :staff)
				    or exists (select 1 from directory.section sec join directory.staff_assignment a on a.school_id = sec.school_id
				               where sec.id = :section and a.staff_id = :staff and a.role <> 'TEACHER')""")
			.param("section", sectionId).param("staff", viewer.staffId().orElse(new UUID(0, 0)))
			.query(Boolean.class).single();
		if (section.isEmpty() || !mayOpen) {
			return Optional.empty();
		}
		// The students themselves still pass through the access policy, one by one, in the search.
		StudentSearch.Page page = directory.searchStudents(viewer, actor, purpose,
				new StudentSearch.Criteria(null, null, null, sectionId, null, 0, Integer.MAX_VALUE));
		return Optional.of(new Records.ClassRoster(section.get(), page.items()));
	}

	/** Staff may look up colleagues; the record holds nothing about students. */
	@Transactional(readOnly = true)
	public Optional<Records.StaffRecord> staff(UUID staffId) {
		return jdbc.sql("select id, given_name, family_name, email from directory.staff where id = ?").param(staffId)
			.query((rs, row) -> new Records.StaffRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), assignments(staffId), classesTaughtBy(staffId)))
			.optional();
	}

	/** Staff by name, a page at a time, with their roles across schools and how many match in all. */
	@Transactional(readOnly = true)
	public Records.StaffPage staffList(String q, int page, int size) {
		String search = q == null ? "" : q.strip();
		String matching = """
				from directory.staff st
				where st.active and (:q = '' or lower(st.given_name || ' ' || st.family_name) like '%' || lower(:q) || '%')
				""";
		long total = jdbc.sql("select count(*) " + matching).param("q", search).query(Long.class).single();
		List<Records.StaffLine> items = jdbc.sql("""
				select st.id, st.given_name, st.family_name, st.email,
				       coalesce((select string_agg(distinct a.role, ',' order by a.role) from directory.staff_assignment a
				                 where a.staff_id = st.id), '') as roles
				""" + matching + " order by lower(st.family_name), lower(st.given_name), st.id limit :limit offset :offset")
			.param("q", search).param("limit", size).param("offset", (long) Math.max(page, 0) * size)
			.query(Records.StaffLine.class).list();
		return new Records.StaffPage(items, Math.max(page, 0), size, total);
	}

	/**
	 * The students a family account acts for, as far as the policy lets it see them; the read is
	 * logged once for all the children shown.
	 */
	@Transactional
	public List<StudentView> childrenOf(Viewer viewer, String actor, String purpose) {
		if (viewer.guardianIds().isEmpty()) {
			return List.of();
		}
		Map<UUID, Boolean> visible = directory.visibleWithProgramFlags(viewer, jdbc.sql(
				"select distinct student_id from directory.guardianship where guardian_id in (:guardians)")
			.param("guardians", viewer.guardianIds()).query(UUID.class).list());
		LocalDate today = clock.today();
		List<StudentView> children = visible.isEmpty() ? List.of() : students.findWithEnrolmentsByIdIn(visible.keySet()).stream()
			.map(student -> student.view(today, visible.get(student.id())))
			.sorted(java.util.Comparator.comparing(StudentView::givenName))
			.toList();
		directory.recordAccess(actor, children.stream().map(StudentView::id).toList(), "student", purpose, null);
		return children;
	}

	private List<Records.Assignment> assignments(UUID staffId) {
		return jdbc.sql("""
				select a.school_id, s.name as school_name, a.role from directory.staff_assignment a
				join directory.school s on s.id = a.school_id where a.staff_id = ? order by s.name, a.role""")
			.param(staffId).query(Records.Assignment.class).list();
	}

	private List<DirectoryCommands.RestrictionView> restrictions(UUID guardianId, UUID studentId, LocalDate today) {
		return jdbc.sql("""
				select id, guardian_id, student_id, type, starts_on, ends_on, source, origin,
				       (lifted_at is null and starts_on <= ? and (ends_on is null or ends_on >= ?)) as in_force,
				       lifted_at is not null as lifted
				from directory.restriction where guardian_id = ? and student_id = ? order by starts_on desc""")
			.params(Date.valueOf(today), Date.valueOf(today), guardianId, studentId)
			.query((rs, row) -> new DirectoryCommands.RestrictionView(rs.getObject(1, UUID.class),
					rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					DirectoryCommands.RestrictionType.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class),
					rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getBoolean(9),
					rs.getBoolean(10)))
			.list();
	}
}
