package org.homeroom.directory;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records administrators keep by hand, through the directory's API: students and guardians added,
 * a guardian's record corrected, a guardian linked to a student, and restrictions set and lifted.
 * Every write checks that the viewer manages the school concerned; a student the viewer may not
 * see is answered as missing. Only the directory's own controllers write this way, so it is not
 * part of the module's API.
 */
@Service
class RecordAdministration {

	private static final String MANAGES_SCHOOL = """
			(:districtWide or exists (select 1 from directory.staff_assignment sa
			                          where sa.staff_id = :staffId and sa.school_id = :schoolId and sa.role = 'SCHOOL_ADMIN'))""";

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	private final Directory directory;

	private final StudentRepository students;

	private final GuardianRepository guardians;

	private final GuardianEdits edits;

	private final ApplicationEventPublisher events;

	RecordAdministration(JdbcClient jdbc, DistrictClock clock, Directory directory, StudentRepository students,
			GuardianRepository guardians, GuardianEdits edits, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.directory = directory;
		this.students = students;
		this.guardians = guardians;
		this.edits = edits;
		this.events = events;
	}

	@Transactional
	public StudentView addStudent(Viewer viewer, DirectoryCommands.NewStudent command) {
		requireSchool(command.schoolId());
		requireManages(viewer, command.schoolId());
		String grade = Grade.normalise(command.grade())
			.orElseThrow(() -> new InvalidInputException("grade", "Not a grade: " + command.grade()
					+ ". Use a OneRoster grade such as KG, 01 to 12, or PK"));
		Student student = students.save(Student.admit(command.givenName(), command.familyName(), grade,
				command.schoolId(), command.enrolledFrom()));
		return student.view(clock.today(), true);
	}

	@Transactional
	public GuardianView addGuardian(Viewer viewer, DirectoryCommands.NewGuardian command) {
		requireManagesAnySchool(viewer);
		Guardian guardian = Guardian.register(command.givenName(), command.familyName(),
				language(command.preferredLanguage(), LanguageTag.ENGLISH));
		guardian.replaceEmails(emails(command.emails()), Guardian.Entry.NEW_RECORD);
		guardian.replacePhones(edits.phones(command.phones()), Guardian.Entry.NEW_RECORD);
		guardian.preferChannels(GuardianEdits.channels(command.preferredChannels()), command.bestTimes());
		return guardians.save(guardian).view();
	}

	/**
	 * A correction by staff, allowed to a district administrator and to the administrators of a
	 * school one of the guardian's children attends today; anyone else is answered as if the
	 * guardian did not exist. A contact staff add waits, unused (for sign-in too), until the family
	 * confirms it with a code, and the family is told on the contacts in use before
	 * ({@link GuardianContactsChangedByStaff}): whoever edits the record must not be able to sign
	 * in as the family. Edits are recorded per field group, so that a later SIS import keeps them.
	 */
	@Transactional
	public GuardianView changeGuardian(Viewer viewer, String actor, UUID guardianId,
			DirectoryCommands.GuardianChanges changes) {
		Guardian guardian = guardians.findById(guardianId).filter(found -> mayChange(viewer, guardianId))
			.orElseThrow(() -> new NotFoundException("guardian"));
		List<String> inUse = guardian.usableContacts();
		if (changes.givenName() != null || changes.familyName() != null) {
			GuardianView current = guardian.view();
			guardian.rename(changes.givenName() != null ? changes.givenName() : current.givenName(),
					changes.familyName() != null ? changes.familyName() : current.familyName());
		}
		if (changes.preferredLanguage() != null) {
			guardian.preferLanguage(language(changes.preferredLanguage(), null));
		}
		Guardian.ContactChanges emails = changes.emails() == null ? Guardian.ContactChanges.NONE
				: guardian.replaceEmails(emails(changes.emails()), Guardian.Entry.STAFF_CORRECTION);
		Guardian.ContactChanges phones = changes.phones() == null ? Guardian.ContactChanges.NONE
				: guardian.replacePhones(edits.phones(changes.phones()), Guardian.Entry.STAFF_CORRECTION);
		if (!inUse.isEmpty() && guardian.usableContacts().isEmpty()) {
			// As when the family removes one themselves: without it they could neither be reached nor sign in to confirm a new one.
			throw new InvalidInputException(emails.removed().isEmpty() ? "phones" : "emails",
					"This would remove the family's last confirmed contact: keep it until the family confirms a new one");
		}
		guardian.preferChannels(changes.preferredChannels() == null ? null : GuardianEdits.channels(changes.preferredChannels()),
				changes.bestTimes());
		if (changes.emails() != null || changes.phones() != null) {
			edits.record(List.of(guardianId), GuardianEdits.FieldGroup.CONTACTS, actor);
		}
		if (changes.preferredLanguage() != null) {
			edits.record(List.of(guardianId), GuardianEdits.FieldGroup.LANGUAGE, actor);
		}
		if (changes.preferredChannels() != null || changes.bestTimes() != null) {
			edits.record(List.of(guardianId), GuardianEdits.FieldGroup.REACH, actor);
		}
		GuardianView changed = guardians.saveAndFlush(guardian).view();
		if (emails.any() || phones.any()) {
			events.publishEvent(new GuardianContactsChangedByStaff(guardianId, changed.preferredLanguage(), inUse,
					concat(emails.added(), phones.added()), concat(emails.removed(), phones.removed()), clock.now()));
		}
		return changed;
	}

	/** A district administrator, or an administrator of a school where one of the guardian's children is enrolled today. */
	private boolean mayChange(Viewer viewer, UUID guardianId) {
		if (viewer.districtAdmin()) {
			return true;
		}
		return viewer.staffId().isPresent() && jdbc.sql("""
				select exists (select 1 from directory.guardianship g
				               join directory.enrolment e on e.student_id = g.student_id
				               join directory.staff_assignment sa on sa.school_id = e.school_id and sa.role = 'SCHOOL_ADMIN'
				               where g.guardian_id = :guardian and sa.staff_id = :staff
				                 and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today))""")
			.param("guardian", guardianId).param("staff", viewer.staffId().get()).param("today", clock.today())
			.query(Boolean.class).single();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	@Transactional
	public DirectoryCommands.GuardianshipView linkGuardian(Viewer viewer, UUID studentId,
			DirectoryCommands.NewGuardianship command) {
		requireManagesStudent(viewer, studentId);
		guardians.findById(command.guardianId())
			.orElseThrow(() -> new InvalidInputException("guardianId", "No guardian with this id"));
		var link = new DirectoryCommands.GuardianshipView(command.guardianId(), studentId, command.relationship(),
				Boolean.TRUE.equals(command.livesWith()), Boolean.TRUE.equals(command.emergencyContact()),
				!Boolean.FALSE.equals(command.educationalRights()));
		jdbc.sql("""
				insert into directory.guardianship (guardian_id, student_id, relationship, lives_with, emergency_contact, educational_rights)
				values (:guardianId, :studentId, :relationship, :livesWith, :emergencyContact, :educationalRights)
				on conflict (guardian_id, student_id) do update set relationship = excluded.relationship,
				  lives_with = excluded.lives_with, emergency_contact = excluded.emergency_contact,
				  educational_rights = excluded.educational_rights""")
			.param("guardianId", link.guardianId()).param("studentId", studentId)
			.param("relationship", link.relationship().name()).param("livesWith", link.livesWith())
			.param("emergencyContact", link.emergencyContact()).param("educationalRights", link.educationalRights())
			.update();
		return link;
	}

	/** Sets a restriction by hand, recording who set it and on what authority. */
	@Transactional
	public DirectoryCommands.RestrictionView restrict(Viewer viewer, String actor, UUID studentId, UUID guardianId,
			DirectoryCommands.NewRestriction command) {
		requireManagesStudent(viewer, studentId);
		if (command.until() != null && command.until().isBefore(command.from())) {
			throw new InvalidInputException("until", "A restriction cannot end before it starts");
		}
		boolean linked = jdbc.sql("select exists (select 1 from directory.guardianship where guardian_id = ? and student_id = ?)")
			.params(guardianId, studentId).query(Boolean.class).single();
		if (!linked) {
			throw new NotFoundException("guardian of this student");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into directory.restriction (id, guardian_id, student_id, type, starts_on, ends_on, source, origin)
				values (?, ?, ?, ?, ?, ?, ?, 'MANUAL')""")
			.params(id, guardianId, studentId, command.type().name(), command.from(), command.until(), command.source().strip())
			.update();
		jdbc.sql("insert into directory.restriction_audit (id, restriction_id, action, actor, at) values (?, ?, 'SET', ?, ?)")
			.params(UUID.randomUUID(), id, actor, Timestamp.from(clock.now())).update();
		LocalDate today = clock.today();
		boolean inForce = !command.from().isAfter(today) && (command.until() == null || !command.until().isBefore(today));
		return new DirectoryCommands.RestrictionView(id, guardianId, studentId, command.type(), command.from(),
				command.until(), command.source().strip(), "MANUAL", inForce, false);
	}

	/** Lifts a restriction; it stays on record, with who lifted it, when and why. */
	@Transactional
	public void liftRestriction(Viewer viewer, String actor, UUID studentId, UUID guardianId, UUID restrictionId,
			String note) {
		requireManagesStudent(viewer, studentId);
		int lifted = jdbc.sql("""
				update directory.restriction set lifted_at = ?
				where id = ? and student_id = ? and guardian_id = ? and lifted_at is null""")
			.params(Timestamp.from(clock.now()), restrictionId, studentId, guardianId).update();
		if (lifted == 0) {
			throw new NotFoundException("restriction in force");
		}
		jdbc.sql("insert into directory.restriction_audit (id, restriction_id, action, actor, at, note) values (?, ?, 'LIFTED', ?, ?, ?)")
			.params(UUID.randomUUID(), restrictionId, actor, Timestamp.from(clock.now()), note).update();
	}

	private void requireSchool(UUID schoolId) {
		if (!jdbc.sql("select exists (select 1 from directory.school where id = ?)").param(schoolId).query(Boolean.class).single()) {
			throw new InvalidInputException("schoolId", "No school with this id");
		}
	}

	private void requireManages(Viewer viewer, UUID schoolId) {
		boolean manages = jdbc.sql("select " + MANAGES_SCHOOL)
			.param("districtWide", viewer.districtAdmin())
			.param("staffId", viewer.staffId().orElse(new UUID(0, 0)))
			.param("schoolId", schoolId)
			.query(Boolean.class).single();
		if (!manages) {
			throw new AccessDeniedException("Only the school's administrators may change its records");
		}
	}

	private void requireManagesAnySchool(Viewer viewer) {
		boolean manages = viewer.districtAdmin() || jdbc.sql(
				"select exists (select 1 from directory.staff_assignment where staff_id = ? and role = 'SCHOOL_ADMIN')")
			.param(viewer.staffId().orElse(new UUID(0, 0))).query(Boolean.class).single();
		if (!manages) {
			throw new AccessDeniedException("Only administrators may change guardian records");
		}
	}

	/** A student the viewer cannot see is answered as missing, so that existence is not revealed. */
	private void requireManagesStudent(Viewer viewer, UUID studentId) {
		if (!directory.canSee(viewer, studentId)) {
			throw new NotFoundException("student");
		}
		UUID school = students.findById(studentId).flatMap(student -> student.schoolOn(clock.today()))
			.orElseThrow(() -> new NotFoundException("student"));
		requireManages(viewer, school);
	}

	private static List<EmailAddress> emails(List<String> values) {
		List<EmailAddress> emails = new ArrayList<>();
		List<String> given = values == null ? List.of() : values;
		for (int i = 0; i < given.size(); i++) {
			if (!EmailAddress.isValid(given.get(i))) {
				throw new InvalidInputException("emails[" + i + "]", "Not an e-mail address: " + given.get(i));
			}
			emails.add(EmailAddress.of(given.get(i)));
		}
		return emails;
	}

	private static LanguageTag language(String value, LanguageTag fallback) {
		if (value == null || value.isBlank()) {
			if (fallback == null) {
				throw new InvalidInputException("preferredLanguage", "A language is required");
			}
			return fallback;
		}
		try {
			return LanguageTag.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("preferredLanguage", "Not a BCP 47 language tag: " + value);
		}
	}
}
