package org.homeroom.directory;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes directory records straight into the tables, for tests of rules that read them. Each
 * method returns the new record's id.
 */
public final class DirectoryFixtures {

	private final JdbcClient jdbc;

	public DirectoryFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public UUID school(String name) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.school (id, name, kind) values (?, ?, 'OTHER')").params(id, name).update();
		return id;
	}

	public UUID student(String givenName, String grade) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.student (id, given_name, family_name, grade) values (?, ?, 'Testing', ?)")
			.params(id, givenName, grade).update();
		return id;
	}

	public void enrol(UUID student, UUID school, LocalDate from, LocalDate until) {
		jdbc.sql("insert into directory.enrolment (id, student_id, school_id, starts_on, ends_on) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), student, school, from, until).update();
	}

	public UUID guardian(String givenName) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.guardian (id, given_name, family_name) values (?, ?, 'Testing')")
			.params(id, givenName).update();
		return id;
	}

	public void guardianOf(UUID guardian, UUID student, boolean educationalRights) {
		jdbc.sql("""
				insert into directory.guardianship (guardian_id, student_id, relationship, educational_rights)
				values (?, ?, 'PARENT', ?)""").params(guardian, student, educationalRights).update();
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
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.staff (id, given_name, family_name, email) values (?, ?, 'Testing', ?)")
			.params(id, givenName, email).update();
		return id;
	}

	public void assign(UUID staff, UUID school, String role) {
		jdbc.sql("insert into directory.staff_assignment (staff_id, school_id, role) values (?, ?, ?)")
			.params(staff, school, role).update();
	}

	public UUID section(UUID school, boolean active) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into directory.section (id, school_id, title, active) values (?, ?, 'Maths 7', ?)")
			.params(id, school, active).update();
		return id;
	}

	public void teach(UUID section, UUID staff) {
		jdbc.sql("insert into directory.section_teacher (section_id, staff_id) values (?, ?)").params(section, staff).update();
	}

	public void enrolInSection(UUID section, UUID student, LocalDate from, LocalDate until) {
		jdbc.sql("insert into directory.section_enrolment (section_id, student_id, starts_on, ends_on) values (?, ?, ?, ?)")
			.params(section, student, from, until).update();
	}

	/** A contact point, already normalised (lower-case e-mail, or E.164 phone). */
	public void contact(UUID guardian, String kind, String value) {
		jdbc.sql("insert into directory.contact_point (id, guardian_id, kind, value, valid, position) values (?, ?, ?, ?, true, 0)")
			.params(UUID.randomUUID(), guardian, kind, value).update();
	}

	public void prefers(UUID guardian, String language) {
		jdbc.sql("update directory.guardian set preferred_language = ? where id = ?").params(language, guardian).update();
	}
}
