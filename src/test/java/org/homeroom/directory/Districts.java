package org.homeroom.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory's test-data builder: writes records straight into the tables, for tests of rules
 * that read them. Plain verbs ({@code school}, {@code staff}, {@code enrol}, {@code restrict} ...)
 * return the new record's id. Guardians, classes and a student's programmes are made in steps, so
 * that what a reader could not tell from a positional {@code true} (educational rights, a contact
 * that no longer works, an ended class, an IEP) is said by name:
 *
 * <pre>{@code
 * Districts given = Districts.in(jdbc);
 * UUID maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, since).englishLearner().id();
 * UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail("rosa@family.test").id();
 * UUID oldClass = given.aSection("Maths 6").at(lincoln).inactive().id();
 * }</pre>
 *
 * Each step writes at once, so a chain may stop anywhere.
 */
public final class Districts {

	private final JdbcClient jdbc;

	/** What this instance made, for {@link #removeAll()}. */
	private final List<UUID> schools = new ArrayList<>();

	private final List<UUID> students = new ArrayList<>();

	private final List<UUID> guardians = new ArrayList<>();

	private final List<UUID> staffMembers = new ArrayList<>();

	private final List<UUID> sections = new ArrayList<>();

	private Districts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static Districts in(JdbcClient jdbc) {
		return new Districts(jdbc);
	}

	public UUID school(String name) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.school (id, name, kind) values (?, ?, 'OTHER')").params(id, name).update();
		schools.add(id);
		return id;
	}

	public UUID student(String givenName, String grade) {
		return student(givenName, "Testing", grade);
	}

	public UUID student(String givenName, String familyName, String grade) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.student (id, given_name, family_name, grade) values (?, ?, ?, ?)")
			.params(id, givenName, familyName, grade).update();
		students.add(id);
		return id;
	}

	/** A student in grade 07, with no enrolment and no programme flags until the steps say so. */
	public StudentSteps aStudent(String givenName) {
		return aStudent(givenName, "Testing");
	}

	public StudentSteps aStudent(String givenName, String familyName) {
		return new StudentSteps(student(givenName, familyName, "07"));
	}

	/** {@code until} null: enrolled still. */
	public void enrol(UUID student, UUID school, LocalDate from, LocalDate until) {
		jdbc.sql("insert into directory.enrolment (id, student_id, school_id, starts_on, ends_on) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), student, school, from, until).update();
	}

	/** A guardian of no child and with no contact until the steps say so. */
	public GuardianSteps aGuardian(String givenName) {
		return aGuardian(givenName, "Testing");
	}

	public GuardianSteps aGuardian(String givenName, String familyName) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.guardian (id, given_name, family_name) values (?, ?, ?)")
			.params(id, givenName, familyName).update();
		guardians.add(id);
		return new GuardianSteps(id);
	}

	/** More about a guardian made earlier: another child, another contact. */
	public GuardianSteps theGuardian(UUID guardian) {
		return new GuardianSteps(guardian);
	}

	/** {@code until} null: in force until lifted. */
	public UUID restrict(UUID guardian, UUID student, String type, LocalDate from, LocalDate until) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into directory.restriction (id, guardian_id, student_id, type, starts_on, ends_on, source, origin)
				values (?, ?, ?, ?, ?, ?, 'court order 2026-114', 'MANUAL')""")
			.params(id, guardian, student, type, from, until).update();
		return id;
	}

	public void lift(UUID restriction) {
		jdbc.sql("update directory.restriction set lifted_at = now() where id = ?").param(restriction).update();
	}

	public UUID staff(String givenName) {
		return staff(givenName, null);
	}

	/** A member of staff whose sign-in name is {@code email}. */
	public UUID staff(String givenName, String email) {
		return staff(givenName, "Testing", email);
	}

	public UUID staff(String givenName, String familyName, String email) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.staff (id, given_name, family_name, email) values (?, ?, ?, ?)")
			.params(id, givenName, familyName, email).update();
		staffMembers.add(id);
		return id;
	}

	public void assign(UUID staff, UUID school, String role) {
		jdbc.sql("insert into directory.staff_assignment (staff_id, school_id, role) values (?, ?, ?)")
			.params(staff, school, role).update();
	}

	/** A class by its title; {@code at(school)} makes it, active. */
	public SectionTitle aSection(String title) {
		return new SectionTitle(title);
	}

	public void teach(UUID section, UUID staff) {
		jdbc.sql("insert into directory.section_teacher (section_id, staff_id) values (?, ?)").params(section, staff).update();
	}

	/** {@code until} null: in the class still. */
	public void enrolInSection(UUID section, UUID student, LocalDate from, LocalDate until) {
		jdbc.sql("insert into directory.section_enrolment (section_id, student_id, starts_on, ends_on) values (?, ?, ?, ?)")
			.params(section, student, from, until).update();
	}

	public final class StudentSteps {

		private final UUID id;

		private StudentSteps(UUID id) {
			this.id = id;
		}

		public StudentSteps inGrade(String grade) {
			jdbc.sql("update directory.student set grade = ? where id = ?").params(grade, id).update();
			return this;
		}

		/** Enrolled at the school from {@code since}, with no end. */
		public StudentSteps enrolledAt(UUID school, LocalDate since) {
			enrol(id, school, since, null);
			return this;
		}

		public StudentSteps englishLearner() {
			return flag("english_learner");
		}

		public StudentSteps withIep() {
			return flag("iep");
		}

		public StudentSteps withSection504Plan() {
			return flag("section_504");
		}

		private StudentSteps flag(String column) {
			jdbc.sql("update directory.student set " + column + " = true where id = ?").param(id).update();
			return this;
		}

		public UUID id() {
			return id;
		}
	}

	/**
	 * Steps about one guardian. After {@code ofStudent}, the guardianship steps ({@code
	 * withEducationalRights}, {@code livingWithThem} ...) describe the guardianship with that
	 * child; a guardianship starts as a parent's, without rights, not living with the child and not
	 * an emergency contact.
	 */
	public final class GuardianSteps {

		private final UUID id;

		private UUID child;

		private GuardianSteps(UUID id) {
			this.id = id;
		}

		public GuardianSteps ofStudent(UUID student) {
			jdbc.sql("""
					insert into directory.guardianship (guardian_id, student_id, relationship, lives_with, emergency_contact,
					                                    educational_rights)
					values (?, ?, 'PARENT', false, false, false)""")
				.params(id, student).update();
			child = student;
			return this;
		}

		/** The right to see the child's records and to be told about them. */
		public GuardianSteps withEducationalRights() {
			return guardianship("educational_rights", true);
		}

		/** Said for a reader's sake: a guardianship has no rights until {@link #withEducationalRights()}. */
		public GuardianSteps withoutEducationalRights() {
			return guardianship("educational_rights", false);
		}

		public GuardianSteps livingWithThem() {
			return guardianship("lives_with", true);
		}

		public GuardianSteps asEmergencyContact() {
			return guardianship("emergency_contact", true);
		}

		/** {@code GRANDPARENT}, {@code FOSTER_PARENT} ...; a parent's otherwise. */
		public GuardianSteps as(String relationship) {
			return guardianship("relationship", relationship);
		}

		/** A restriction ({@code NO_CONTACT}, {@code NO_RECORDS} ...) with this child, from {@code since} until lifted. */
		public GuardianSteps underRestriction(String type, LocalDate since) {
			restrict(id, childSaidLast(), type, since, null);
			return this;
		}

		private UUID childSaidLast() {
			if (child == null) {
				throw new IllegalStateException("say ofStudent(...) first");
			}
			return child;
		}

		private GuardianSteps guardianship(String column, Object value) {
			jdbc.sql("update directory.guardianship set " + column + " = ? where guardian_id = ? and student_id = ?")
				.params(value, id, childSaidLast()).update();
			return this;
		}

		public GuardianSteps reachableByEmail(String address) {
			return reachableBy("EMAIL", address);
		}

		public GuardianSteps reachableByPhone(String number) {
			return reachableBy("PHONE", number);
		}

		/** An e-mail address or phone number ({@code kind}), after those the guardian has already. */
		public GuardianSteps reachableBy(String kind, String value) {
			return contact(kind, value, true);
		}

		/** An address on record that bounced or no longer works. */
		public GuardianSteps withUnusableEmail(String address) {
			return contact("EMAIL", address, false);
		}

		/** A number on record that does not parse or no longer works. */
		public GuardianSteps withUnusablePhone(String number) {
			return contact("PHONE", number, false);
		}

		private GuardianSteps contact(String kind, String value, boolean valid) {
			jdbc.sql("""
					insert into directory.contact_point (id, guardian_id, kind, value, valid, position)
					values (?, ?, ?, ?, ?, (select count(*) from directory.contact_point where guardian_id = ?))""")
				.params(UUID.randomUUID(), id, kind, value, valid, id).update();
			return this;
		}

		/** The language the guardian prefers to read, as an IETF tag ({@code es-MX}). */
		public GuardianSteps speaking(String languageTag) {
			jdbc.sql("update directory.guardian set preferred_language = ? where id = ?").params(languageTag, id).update();
			return this;
		}

		/** How the guardian prefers to hear from school: channels such as {@code EMAIL} or {@code SMS}, and when. */
		public GuardianSteps preferring(List<String> channels, String bestTimes) {
			jdbc.sql("update directory.guardian set preferred_channels = ?, best_times = ? where id = ?")
				.params(channels.toArray(String[]::new), bestTimes, id).update();
			return this;
		}

		public UUID id() {
			return id;
		}
	}

	public final class SectionTitle {

		private final String title;

		private SectionTitle(String title) {
			this.title = title;
		}

		public SectionSteps at(UUID school) {
			UUID id = UUID.randomUUID();
			jdbc.sql("insert into directory.section (id, school_id, title) values (?, ?, ?)").params(id, school, title).update();
			sections.add(id);
			return new SectionSteps(id);
		}
	}

	public final class SectionSteps {

		private final UUID id;

		private SectionSteps(UUID id) {
			this.id = id;
		}

		public SectionSteps withCourseCode(String courseCode) {
			jdbc.sql("update directory.section set course_code = ? where id = ?").params(courseCode, id).update();
			return this;
		}

		/** A class that has ended: its teachers no longer see its students. */
		public SectionSteps inactive() {
			jdbc.sql("update directory.section set active = false where id = ?").param(id).update();
			return this;
		}

		public SectionSteps taughtBy(UUID staff) {
			teach(id, staff);
			return this;
		}

		public UUID id() {
			return id;
		}
	}

	/**
	 * Deletes everything this instance made, with whatever hangs on it, for tests that share a
	 * database with tests of the whole district (the demo district's, for one).
	 */
	public void removeAll() {
		delete("restriction_audit", """
				restriction_id in (select id from directory.restriction
				                   where guardian_id in (:guardians) or student_id in (:students))""");
		delete("restriction", "guardian_id in (:guardians) or student_id in (:students)");
		delete("contact_point", "guardian_id in (:guardians)");
		delete("guardianship", "guardian_id in (:guardians) or student_id in (:students)");
		delete("section_enrolment", "section_id in (:sections) or student_id in (:students)");
		delete("section_teacher", "section_id in (:sections) or staff_id in (:staff)");
		delete("section", "id in (:sections)");
		delete("staff_assignment", "staff_id in (:staff) or school_id in (:schools)");
		delete("staff", "id in (:staff)");
		delete("enrolment", "student_id in (:students) or school_id in (:schools)");
		delete("guardian", "id in (:guardians)");
		delete("student", "id in (:students)");
		delete("school", "id in (:schools)");
	}

	private void delete(String table, String condition) {
		jdbc.sql("delete from directory." + table + " where " + condition)
			.param("guardians", orNobody(guardians))
			.param("students", orNobody(students))
			.param("sections", orNobody(sections))
			.param("staff", orNobody(staffMembers))
			.param("schools", orNobody(schools))
			.update();
	}

	/** An empty {@code in ()} is not SQL. */
	private static List<UUID> orNobody(List<UUID> ids) {
		return ids.isEmpty() ? List.of(new UUID(0, 0)) : ids;
	}
}
