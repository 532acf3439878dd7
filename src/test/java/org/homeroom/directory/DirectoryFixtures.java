package org.homeroom.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes directory records straight into the tables, for tests of rules that read them. Each
 * method returns the new record's id.
 */
public final class DirectoryFixtures {

	private final JdbcClient jdbc;

	/** What this instance made, for {@link #removeAll()}. */
	private final List<UUID> schools = new ArrayList<>();

	private final List<UUID> students = new ArrayList<>();

	private final List<UUID> guardians = new ArrayList<>();

	private final List<UUID> staffMembers = new ArrayList<>();

	private final List<UUID> sections = new ArrayList<>();

	public DirectoryFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	public void enrol(UUID student, UUID school, LocalDate from, LocalDate until) {
		jdbc.sql("insert into directory.enrolment (id, student_id, school_id, starts_on, ends_on) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), student, school, from, until).update();
	}

	public UUID guardian(String givenName) {
		return guardian(givenName, "Testing");
	}

	public UUID guardian(String givenName, String familyName) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.guardian (id, given_name, family_name) values (?, ?, ?)")
			.params(id, givenName, familyName).update();
		guardians.add(id);
		return id;
	}

	public void prefersLanguage(UUID guardian, String languageTag) {
		jdbc.sql("update directory.guardian set preferred_language = ? where id = ?").params(languageTag, guardian).update();
	}

	/** An e-mail address or phone number, after those the guardian has already. */
	public void contact(UUID guardian, String kind, String value, boolean valid) {
		jdbc.sql("""
				insert into directory.contact_point (id, guardian_id, kind, value, valid, position)
				values (?, ?, ?, ?, ?, (select count(*) from directory.contact_point where guardian_id = ?))""")
			.params(UUID.randomUUID(), guardian, kind, value, valid, guardian).update();
	}

	/** How a guardian prefers to hear from school: channels such as {@code EMAIL} or {@code SMS}. */
	public void prefersChannels(UUID guardian, List<String> channels, String bestTimes) {
		jdbc.sql("update directory.guardian set preferred_channels = ?, best_times = ? where id = ?")
			.params(channels.toArray(String[]::new), bestTimes, guardian).update();
	}

	public void programFlags(UUID student, boolean englishLearner, boolean iep, boolean section504) {
		jdbc.sql("update directory.student set english_learner = ?, iep = ?, section_504 = ? where id = ?")
			.params(englishLearner, iep, section504, student).update();
	}

	public void guardianOf(UUID guardian, UUID student, boolean educationalRights) {
		guardianOf(guardian, student, "PARENT", false, false, educationalRights);
	}

	public void guardianOf(UUID guardian, UUID student, String relationship, boolean livesWith, boolean emergencyContact,
			boolean educationalRights) {
		jdbc.sql("""
				insert into directory.guardianship (guardian_id, student_id, relationship, lives_with, emergency_contact,
				                                    educational_rights)
				values (?, ?, ?, ?, ?, ?)""")
			.params(guardian, student, relationship, livesWith, emergencyContact, educationalRights).update();
	}

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

	public UUID section(UUID school, boolean active) {
		return section(school, "Maths 7", active);
	}

	public UUID section(UUID school, String title, boolean active) {
		return section(school, title, null, active);
	}

	public UUID section(UUID school, String title, String courseCode, boolean active) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.section (id, school_id, title, course_code, active) values (?, ?, ?, ?, ?)")
			.params(id, school, title, courseCode, active).update();
		sections.add(id);
		return id;
	}

	public void teach(UUID section, UUID staff) {
		jdbc.sql("insert into directory.section_teacher (section_id, staff_id) values (?, ?)").params(section, staff).update();
	}

	public void enrolInSection(UUID section, UUID student, LocalDate from, LocalDate until) {
		jdbc.sql("insert into directory.section_enrolment (section_id, student_id, starts_on, ends_on) values (?, ?, ?, ?)")
			.params(section, student, from, until).update();
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
