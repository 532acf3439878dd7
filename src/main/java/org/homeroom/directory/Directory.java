package org.homeroom.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.homeroom.shared.PhoneNumber;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory module's entry point. Every read of a student goes through the access policy and
 * is published as {@link StudentRecordsAccessed} for the access log; every write checks that the
 * viewer manages the school concerned.
 */
@Service
public class Directory {

	private static final String MANAGES_SCHOOL = """
			(:districtWide or exists (select 1 from directory.staff_assignment sa
			                          where sa.staff_id = :staffId and sa.school_id = :schoolId and sa.role = 'SCHOOL_ADMIN'))""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final StudentRepository students;

	private final GuardianRepository guardians;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<GuardianAccounts> guardianAccounts;

	private final DirectorySettings settings;

	private final DistrictClock districtClock;

	Directory(JdbcClient jdbc, Clock clock, DistrictClock districtClock, StudentRepository students, GuardianRepository guardians,
			ApplicationEventPublisher events, ObjectProvider<GuardianAccounts> guardianAccounts, DirectorySettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.students = students;
		this.guardians = guardians;
		this.events = events;
		this.guardianAccounts = guardianAccounts;
		this.settings = settings;
		this.districtClock = districtClock;
	}

	/** Who the signed-in caller is in the directory. */
	@Transactional(readOnly = true)
	public Viewer viewerOf(Authentication caller) {
		return viewerOf(caller.getName(), rolesOf(caller));
	}

	/** The roles a signed-in caller's account holds, without Spring Security's {@code ROLE_} prefix. */
	public static Set<String> rolesOf(Authentication caller) {
		return caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map(authority -> authority.replaceFirst("^ROLE_", ""))
			.collect(Collectors.toSet());
	}

	/** Who a signed-in user is in the directory: their staff record, and the guardians they act for. */
	@Transactional(readOnly = true)
	public Viewer viewerOf(String username, Collection<String> roles) {
		Optional<UUID> staff = jdbc.sql("select id from directory.staff where email = lower(?) and active")
			.param(username).query(UUID.class).optional();
		Set<UUID> guardianIds = guardianAccounts.getIfAvailable(() -> name -> Set.of()).guardiansOf(username);
		return new Viewer(roles.contains("DISTRICT_ADMIN"), staff, guardianIds);
	}

	/**
	 * A contact as someone typed it, in the form contact points are stored: an e-mail address
	 * lower-cased, a phone number in E.164. Empty when it is neither, or a phone that does not parse.
	 */
	public Optional<String> normaliseContact(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		if (raw.contains("@")) {
			return EmailAddress.isValid(raw) ? Optional.of(EmailAddress.of(raw).value()) : Optional.empty();
		}
		PhoneNumber phone = PhoneNumber.parse(raw, settings.defaultRegion());
		return phone.valid() ? Optional.of(phone.value()) : Optional.empty();
	}

	/** The active guardians who have this (normalised, valid, verified) contact point on file. */
	@Transactional(readOnly = true)
	public List<GuardianIdentity> guardiansWithContact(String contact) {
		return jdbc.sql("""
				select distinct g.id, g.given_name, g.family_name, g.preferred_language
				from directory.contact_point c join directory.guardian g on g.id = c.guardian_id and g.active
				where c.value = ? and c.valid and c.verified order by g.family_name, g.given_name, g.id""")
			.param(contact).query(GuardianIdentity.class).list();
	}

	@Transactional(readOnly = true)
	public List<SchoolView> schools() {
		return jdbc.sql("select id, name, kind from directory.school where active order by name")
			.query(SchoolView.class).list();
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
		return student.view(districtClock.today(), true);
	}

	@Transactional
	public GuardianView addGuardian(Viewer viewer, DirectoryCommands.NewGuardian command) {
		requireManagesAnySchool(viewer);
		Guardian guardian = Guardian.register(command.givenName(), command.familyName(),
				language(command.preferredLanguage(), LanguageTag.ENGLISH));
		guardian.replaceEmails(emails(command.emails()), Guardian.Entry.NEW_RECORD);
		guardian.replacePhones(phones(command.phones()), Guardian.Entry.NEW_RECORD);
		guardian.preferChannels(channels(command.preferredChannels()), command.bestTimes());
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
				: guardian.replacePhones(phones(changes.phones()), Guardian.Entry.STAFF_CORRECTION);
		if (!inUse.isEmpty() && guardian.usableContacts().isEmpty()) {
			// As when the family removes one themselves: without it they could neither be reached nor sign in to confirm a new one.
			throw new InvalidInputException(emails.removed().isEmpty() ? "phones" : "emails",
					"This would remove the family's last confirmed contact: keep it until the family confirms a new one");
		}
		guardian.preferChannels(changes.preferredChannels() == null ? null : channels(changes.preferredChannels()),
				changes.bestTimes());
		if (changes.emails() != null || changes.phones() != null) {
			recordFamilyEdit(List.of(guardianId), FieldGroup.CONTACTS, actor);
		}
		if (changes.preferredLanguage() != null) {
			recordFamilyEdit(List.of(guardianId), FieldGroup.LANGUAGE, actor);
		}
		if (changes.preferredChannels() != null || changes.bestTimes() != null) {
			recordFamilyEdit(List.of(guardianId), FieldGroup.REACH, actor);
		}
		GuardianView changed = guardians.saveAndFlush(guardian).view();
		if (emails.any() || phones.any()) {
			events.publishEvent(new GuardianContactsChangedByStaff(guardianId, changed.preferredLanguage(), inUse,
					concat(emails.added(), phones.added()), concat(emails.removed(), phones.removed()), clock.instant()));
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
			.param("guardian", guardianId).param("staff", viewer.staffId().get()).param("today", districtClock.today())
			.query(Boolean.class).single();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	/**
	 * A family's own e-mail addresses and phones, verified or waiting for their code. A family
	 * account may act for several guardian records of one person (on file twice); they are kept
	 * alike, so each value is listed once.
	 */
	@Transactional(readOnly = true)
	public List<FamilyContact> familyContacts(Viewer viewer) {
		return distinctContacts(familyRecords(viewer));
	}

	/** One of the family's own contacts; another family's, or one that does not exist, answers 404. */
	@Transactional(readOnly = true)
	public FamilyContact familyContact(Viewer viewer, UUID contactId) {
		return ownPoint(familyRecords(viewer), contactId).familyView();
	}

	/**
	 * Adds an e-mail address or phone to the family's records, unverified: it is used for nothing
	 * until {@link #confirmFamilyContact} says the family typed the code sent to it. The value is
	 * returned normalised (lower-case e-mail, E.164 phone), for the code to be sent there.
	 */
	@Transactional
	public FamilyContact addFamilyContact(Viewer viewer, String editedBy, DirectoryCommands.ContactKind kind,
			String rawValue) {
		List<Guardian> records = familyRecords(viewer);
		String value = familyValue(kind, rawValue);
		ContactPoint.Kind pointKind = ContactPoint.Kind.valueOf(kind.name());
		if (records.stream().anyMatch(record -> record.find(pointKind, value).filter(ContactPoint::verified).isPresent())) {
			throw new InvalidInputException("value", "This contact is on file already");
		}
		records.forEach(record -> record.addUnverified(pointKind, value));
		guardians.saveAllAndFlush(records);
		recordFamilyEdit(ids(records), FieldGroup.CONTACTS, editedBy);
		return records.get(0).find(pointKind, value).orElseThrow().familyView();
	}

	/** The family typed the code sent to this contact: from now on it is used, for sign-in too. */
	@Transactional
	public FamilyContact confirmFamilyContact(Viewer viewer, String editedBy, UUID contactId) {
		List<Guardian> records = familyRecords(viewer);
		ContactPoint point = ownPoint(records, contactId);
		records.forEach(record -> record.verify(point.kind(), point.value()));
		guardians.saveAllAndFlush(records);
		recordFamilyEdit(ids(records), FieldGroup.CONTACTS, editedBy);
		return point.familyView();
	}

	/**
	 * Removes one of the family's contacts. The last verified one stays, or the school could not
	 * reach them and they could not sign in; so does {@code signInContact} (the one the account
	 * signs in with) unless {@code replacedBy} names a verified contact that takes its place.
	 */
	@Transactional
	public void removeFamilyContact(Viewer viewer, String editedBy, UUID contactId, String signInContact,
			UUID replacedBy) {
		List<Guardian> records = familyRecords(viewer);
		ContactPoint point = ownPoint(records, contactId);
		if (point.verified() && distinctContacts(records).stream()
			.noneMatch(other -> other.verified() && !other.value().equals(point.value()))) {
			throw new InvalidInputException("id", "This is the only verified contact on file: add and verify another first");
		}
		if (point.value().equals(signInContact)) {
			boolean replaced = replacedBy != null && distinctContacts(records).stream()
				.anyMatch(other -> other.id().equals(replacedBy) && other.verified() && !other.value().equals(point.value()));
			if (!replaced) {
				throw new InvalidInputException("replacedBy",
						"This is the contact you sign in with: change it to a new, verified one instead of removing it");
			}
		}
		records.forEach(record -> record.remove(point.kind(), point.value()));
		guardians.saveAllAndFlush(records);
		recordFamilyEdit(ids(records), FieldGroup.CONTACTS, editedBy);
	}

	/** The language the family wants to be addressed in, and how and when to reach them. */
	@Transactional(readOnly = true)
	public FamilyReach familyReach(Viewer viewer) {
		GuardianView view = familyRecords(viewer).get(0).view();
		return new FamilyReach(view.preferredLanguage(),
				view.preferredChannels().stream().map(DirectoryCommands.Channel::valueOf).toList(), view.bestTimes());
	}

	@Transactional
	public void changeFamilyLanguage(Viewer viewer, String editedBy, LanguageTag language) {
		List<Guardian> records = familyRecords(viewer);
		records.forEach(record -> record.preferLanguage(language));
		guardians.saveAllAndFlush(records);
		recordFamilyEdit(ids(records), FieldGroup.LANGUAGE, editedBy);
	}

	/** The best times to reach the family (free text, e.g. "after 6 pm") and the channels they prefer. */
	@Transactional
	public void changeFamilyReach(Viewer viewer, String editedBy, List<DirectoryCommands.Channel> preferredChannels,
			String bestTimes) {
		if (bestTimes != null && bestTimes.strip().length() > 200) {
			throw new InvalidInputException("bestTimes", "At most 200 characters");
		}
		List<Guardian> records = familyRecords(viewer);
		records.forEach(record -> record.preferChannels(channels(preferredChannels), bestTimes == null ? "" : bestTimes));
		guardians.saveAllAndFlush(records);
		recordFamilyEdit(ids(records), FieldGroup.REACH, editedBy);
	}

	/** What a family or staff edited, by field group; the SIS import keeps these values. */
	enum FieldGroup {
		CONTACTS, LANGUAGE, REACH
	}

	private void recordFamilyEdit(Collection<UUID> guardianIds, FieldGroup group, String editedBy) {
		Timestamp now = Timestamp.from(clock.instant());
		for (UUID guardian : guardianIds) {
			jdbc.sql("""
					insert into directory.family_edit (guardian_id, field_group, edited_by, edited_at) values (?, ?, ?, ?)
					on conflict (guardian_id, field_group) do update set edited_by = excluded.edited_by,
					  edited_at = excluded.edited_at""")
				.params(guardian, group.name(), editedBy, now).update();
		}
	}

	/** The guardian records a family account acts for, in a fixed order; none answers 404. */
	private List<Guardian> familyRecords(Viewer viewer) {
		List<Guardian> records = guardians.findAllById(viewer.guardianIds()).stream()
			.sorted(java.util.Comparator.comparing(Guardian::id))
			.toList();
		if (records.isEmpty()) {
			throw new NotFoundException("guardian");
		}
		return records;
	}

	private static ContactPoint ownPoint(List<Guardian> records, UUID contactId) {
		return records.stream()
			.flatMap(record -> record.contactPoints().stream())
			.filter(point -> point.id().equals(contactId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("contact"));
	}

	private static List<FamilyContact> distinctContacts(List<Guardian> records) {
		Map<String, FamilyContact> byValue = new java.util.LinkedHashMap<>();
		records.stream()
			.flatMap(record -> record.contactPoints().stream())
			.sorted(java.util.Comparator.comparing(ContactPoint::kind))
			.forEach(point -> byValue.putIfAbsent(point.kind() + ":" + point.value(), point.familyView()));
		return List.copyOf(byValue.values());
	}

	private static List<UUID> ids(List<Guardian> records) {
		return records.stream().map(Guardian::id).toList();
	}

	/** A value a family typed, in the form contact points are stored; one that is not valid names the field. */
	private String familyValue(DirectoryCommands.ContactKind kind, String raw) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidInputException("value", "An e-mail address or phone number is required");
		}
		if (kind == DirectoryCommands.ContactKind.EMAIL) {
			if (!EmailAddress.isValid(raw)) {
				throw new InvalidInputException("value", "Not an e-mail address: " + raw.strip());
			}
			return EmailAddress.of(raw).value();
		}
		PhoneNumber phone = PhoneNumber.parse(raw, settings.defaultRegion());
		if (!phone.valid()) {
			throw new InvalidInputException("value", "Not a phone number: " + raw.strip());
		}
		return phone.value();
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
			.params(UUID.randomUUID(), id, actor, Timestamp.from(clock.instant())).update();
		LocalDate today = districtClock.today();
		boolean inForce = !command.from().isAfter(today) && (command.until() == null || !command.until().isBefore(today));
		return new DirectoryCommands.RestrictionView(id, guardianId, studentId, command.type(), command.from(),
				command.until(), command.source().strip(), "MANUAL", inForce, false);
	}

	/**
	 * The students the viewer may see that match the criteria, a page at a time, by family name.
	 * The search is logged for each student on the page returned, with its query.
	 */
	@Transactional
	public StudentSearch.Page searchStudents(Viewer viewer, String actor, String purpose, StudentSearch.Criteria criteria) {
		LocalDate today = districtClock.today();
		String grade = criteria.grade() == null || criteria.grade().isBlank() ? null
				: Grade.normalise(criteria.grade())
					.orElseThrow(() -> new InvalidInputException("grade", "Not a grade: " + criteria.grade()));
		String matching = """
				from directory.student s
				where s.active and %s
				  and (cast(:schoolId as uuid) is null or exists (select 1 from directory.enrolment e
				       where e.student_id = s.id and e.school_id = :schoolId
				         and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)))
				  and (cast(:grade as text) is null or s.grade = :grade)
				  and (:q = '' or lower(s.given_name || ' ' || s.family_name) like '%%' || lower(:q) || '%%'
				       or lower(s.family_name || ' ' || s.given_name) like '%%' || lower(:q) || '%%')
				  and (cast(:sectionId as uuid) is null or exists (select 1 from directory.section_enrolment se
				       where se.student_id = s.id and se.section_id = :sectionId
				         and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)))
				  and (cast(:language as text) is null or exists (select 1 from directory.guardianship g
				       join directory.guardian gu on gu.id = g.guardian_id
				       where g.student_id = s.id and split_part(gu.preferred_language, '-', 1) = :language))
				""".formatted(AccessPolicy.VISIBLE_STUDENT);
		var parameters = new java.util.HashMap<>(AccessPolicy.parameters(viewer, today));
		parameters.put("schoolId", criteria.schoolId());
		parameters.put("grade", grade);
		parameters.put("q", criteria.q());
		parameters.put("sectionId", criteria.sectionId());
		parameters.put("language", criteria.language() == null ? null : searchLanguage(criteria.language()));
		long total = jdbc.sql("select count(*) " + matching).params(parameters).query(Long.class).single();
		List<StudentSearch.Summary> items = jdbc.sql("""
				select s.id, s.given_name, s.family_name, s.grade,
				       (select e.school_id from directory.enrolment e where e.student_id = s.id and e.starts_on <= :today
				          and (e.ends_on is null or e.ends_on >= :today) order by e.starts_on desc limit 1) as school_id
				""" + matching + " order by lower(s.family_name), lower(s.given_name), s.id limit :limit offset :offset")
			.params(parameters)
			.param("limit", criteria.size())
			.param("offset", (long) criteria.page() * criteria.size())
			.query(StudentSearch.Summary.class)
			.list();
		logAccess(actor, items.stream().map(StudentSearch.Summary::id).toList(), "student.search", purpose,
				criteria.describe());
		return new StudentSearch.Page(items, criteria.page(), criteria.size(), total);
	}

	/**
	 * The languages the families of the viewer's students prefer, by primary subtag (e.g. {@code es}
	 * for {@code es-MX}): the choices a search by family language offers.
	 */
	@Transactional(readOnly = true)
	public List<String> familyLanguages(Viewer viewer) {
		return jdbc.sql("""
				select distinct split_part(gu.preferred_language, '-', 1) from directory.guardian gu
				join directory.guardianship g on g.guardian_id = gu.id
				join directory.student s on s.id = g.student_id
				where gu.active and s.active and %s order by 1""".formatted(AccessPolicy.VISIBLE_STUDENT))
			.params(AccessPolicy.parameters(viewer, districtClock.today()))
			.query(String.class)
			.list();
	}

	/** Lifts a restriction; it stays on record, with who lifted it, when and why. */
	@Transactional
	public void liftRestriction(Viewer viewer, String actor, UUID studentId, UUID guardianId, UUID restrictionId,
			String note) {
		requireManagesStudent(viewer, studentId);
		int lifted = jdbc.sql("""
				update directory.restriction set lifted_at = ?
				where id = ? and student_id = ? and guardian_id = ? and lifted_at is null""")
			.params(Timestamp.from(clock.instant()), restrictionId, studentId, guardianId).update();
		if (lifted == 0) {
			throw new NotFoundException("restriction in force");
		}
		jdbc.sql("insert into directory.restriction_audit (id, restriction_id, action, actor, at, note) values (?, ?, 'LIFTED', ?, ?, ?)")
			.params(UUID.randomUUID(), restrictionId, actor, Timestamp.from(clock.instant()), note).update();
	}

	/**
	 * The guardians of a student who may be contacted about them today: everyone linked, less
	 * those under a no-contact restriction in force. Messaging asks this before every delivery.
	 */
	@Transactional(readOnly = true)
	public List<UUID> guardiansToContactAbout(UUID studentId) {
		return jdbc.sql("""
				select g.guardian_id from directory.guardianship g
				join directory.guardian gu on gu.id = g.guardian_id and gu.active
				where g.student_id = :student
				  and not exists (select 1 from directory.restriction r
				                  where r.student_id = g.student_id and r.guardian_id = g.guardian_id
				                    and r.type = 'NO_CONTACT' and r.lifted_at is null
				                    and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today))
				order by g.guardian_id""")
			.param("student", studentId).param("today", districtClock.today()).query(UUID.class).list();
	}

	/**
	 * The families a sender may reach with a message to this audience: guardians of active
	 * students the sender may see (the access policy) who meet every part of the criteria. A
	 * guardian under a no-contact restriction about a child is still listed, marked, so that the
	 * sender sees who is left out and why; so is one with no verified contact to reach them by.
	 * Only a district administrator may address the whole district.
	 */
	@Transactional(readOnly = true)
	public AudienceQuery audience(Viewer sender, AudienceCriteria criteria) {
		return audience(sender, criteria, List.of());
	}

	/** The same, narrowed further by conditions other modules add (see {@link AudienceQuery.Condition}). */
	@Transactional(readOnly = true)
	public AudienceQuery audience(Viewer sender, AudienceCriteria criteria, List<AudienceQuery.Condition> conditions) {
		if (!criteria.reachesAnyone()) {
			throw new InvalidInputException("audience", "Name the district, or schools, grades, classes or students");
		}
		if (criteria.district() && !sender.districtAdmin()) {
			throw new AccessDeniedException("Only a district administrator may write to the whole district");
		}
		List<String> unknownPrograms = criteria.programs().stream().filter(p -> !AudienceCriteria.PROGRAMS.contains(p)).toList();
		if (!unknownPrograms.isEmpty()) {
			throw new InvalidInputException("audience.programs", "Not a programme: " + unknownPrograms.get(0)
					+ ". Use ENGLISH_LEARNER, IEP or SECTION_504");
		}
		criteria.languages().stream().filter(tag -> !LanguageNames.isKnown(tag)).findFirst().ifPresent(tag -> {
			throw new InvalidInputException("audience.languages", "Not a language: " + tag
					+ ". Use a language tag such as es, vi or pt-BR");
		});
		Map<String, Object> parameters = new java.util.HashMap<>(AccessPolicy.parameters(sender, districtClock.today()));
		parameters.put("allSchools", criteria.schoolIds().isEmpty());
		parameters.put("schoolIds", orNobody(criteria.schoolIds()));
		parameters.put("allGrades", criteria.grades().isEmpty());
		parameters.put("grades", criteria.grades().isEmpty() ? List.of("") : criteria.grades().stream()
			.map(grade -> Grade.normalise(grade).orElse(grade)).toList());
		parameters.put("allClasses", criteria.classIds().isEmpty());
		parameters.put("classIds", orNobody(criteria.classIds()));
		parameters.put("allStudents", criteria.studentIds().isEmpty());
		parameters.put("studentIds", orNobody(criteria.studentIds()));
		parameters.put("allLanguages", criteria.languages().isEmpty());
		parameters.put("languages", criteria.languages().isEmpty() ? List.of("")
				: criteria.languages().stream().map(tag -> LanguageTag.of(tag).language()).toList());
		parameters.put("anyProgram", criteria.programs().isEmpty());
		parameters.put("englishLearner", criteria.programs().contains("ENGLISH_LEARNER"));
		parameters.put("iep", criteria.programs().contains("IEP"));
		parameters.put("section504", criteria.programs().contains("SECTION_504"));
		StringBuilder further = new StringBuilder();
		for (AudienceQuery.Condition condition : conditions) {
			further.append("\n  and (").append(condition.sql()).append(')');
			parameters.putAll(condition.parameters());
		}
		return new AudienceQuery("""
				select g.guardian_id, s.id as student_id, gu.given_name || ' ' || gu.family_name as guardian_name,
				       s.given_name as student_name, school.name as school_name, gu.preferred_language as language,
				       (select c.value from directory.contact_point c where c.guardian_id = gu.id and c.kind = 'EMAIL'
				          and c.valid and c.verified order by c.position, c.value limit 1) as email,
				       exists (select 1 from directory.contact_point c where c.guardian_id = gu.id and c.valid and c.verified)
				         as reachable,
				       exists (select 1 from directory.restriction r
				               where r.student_id = s.id and r.guardian_id = gu.id and r.type = 'NO_CONTACT'
				                 and r.lifted_at is null and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today))
				         as no_contact
				from directory.student s
				join directory.guardianship g on g.student_id = s.id
				join directory.guardian gu on gu.id = g.guardian_id and gu.active
				left join lateral (select sc.name from directory.enrolment e join directory.school sc on sc.id = e.school_id
				                   where e.student_id = s.id and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)
				                   order by e.starts_on desc limit 1) school on true
				where s.active and %s
				  and (:allSchools or s.id in (select e.student_id from directory.enrolment e where e.school_id in (:schoolIds)
				                               and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)))
				  and (:allGrades or s.grade in (:grades))
				  and (:allClasses or s.id in (select se.student_id from directory.section_enrolment se
				                               where se.section_id in (:classIds)
				                                 and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)))
				  and (:allStudents or s.id in (:studentIds))
				  and (:allLanguages or split_part(lower(gu.preferred_language), '-', 1) in (:languages))
				  and (:anyProgram or (:englishLearner and s.english_learner) or (:iep and s.iep) or (:section504 and s.section_504))"""
			.formatted(AccessPolicy.VISIBLE_STUDENT) + further, Map.copyOf(parameters));
	}

	private static Collection<UUID> orNobody(Set<UUID> ids) {
		return ids.isEmpty() ? List.of(new UUID(0, 0)) : ids;
	}

	/**
	 * Whether the viewer works at the school: a district administrator everywhere; staff where they
	 * are assigned or teach a class. Messaging asks this before a school's saved templates are shown.
	 */
	@Transactional(readOnly = true)
	public boolean worksAt(Viewer viewer, UUID schoolId) {
		if (viewer.districtAdmin()) {
			return true;
		}
		if (viewer.staffId().isEmpty()) {
			return false;
		}
		return jdbc.sql("""
				select exists (select 1 from directory.staff_assignment where staff_id = :staff and school_id = :school)
				    or exists (select 1 from directory.section_teacher t join directory.section s on s.id = t.section_id
				               where t.staff_id = :staff and s.school_id = :school and s.active)""")
			.param("staff", viewer.staffId().get()).param("school", schoolId).query(Boolean.class).single();
	}

	/**
	 * The open schools the viewer works at, by name, in one query: of the schools {@link #worksAt}
	 * accepts, those still active (a closed school's templates still open, but it is offered no
	 * more); every active one for a district administrator, none for someone without a staff record.
	 */
	@Transactional(readOnly = true)
	public List<SchoolView> schoolsWorkedAt(Viewer viewer) {
		if (viewer.districtAdmin()) {
			return schools();
		}
		if (viewer.staffId().isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select s.id, s.name, s.kind from directory.school s
				where s.active
				  and (exists (select 1 from directory.staff_assignment a where a.staff_id = :staff and a.school_id = s.id)
				       or exists (select 1 from directory.section_teacher t join directory.section c on c.id = t.section_id
				                  where t.staff_id = :staff and c.school_id = s.id and c.active))
				order by s.name""")
			.param("staff", viewer.staffId().get()).query(SchoolView.class).list();
	}

	/** One student's record, if the viewer may see it; the read is logged. */
	@Transactional
	public Optional<StudentView> student(Viewer viewer, String actor, String purpose, UUID studentId) {
		if (!canSee(viewer, studentId)) {
			return Optional.empty();
		}
		Optional<StudentView> view = students.findById(studentId)
			.map(student -> student.view(districtClock.today(), canSeeProgramFlags(viewer, studentId)));
		view.ifPresent(found -> logAccess(actor, List.of(studentId), "student", purpose, null));
		return view;
	}

	/** The guardians of a student the viewer may see; the read is logged. */
	@Transactional
	public Optional<List<GuardianView>> guardiansOf(Viewer viewer, String actor, String purpose, UUID studentId) {
		if (!canSee(viewer, studentId)) {
			return Optional.empty();
		}
		List<UUID> ids = jdbc.sql("select guardian_id from directory.guardianship where student_id = ?")
			.param(studentId).query(UUID.class).list();
		logAccess(actor, List.of(studentId), "student.guardians", purpose, null);
		// A family sees its own contact details only, never another guardian's, co-parents included.
		boolean family = !viewer.districtAdmin() && viewer.staffId().isEmpty();
		return Optional.of(guardians.findAllById(ids).stream().map(Guardian::view)
			.map(view -> family && !viewer.guardianIds().contains(view.id()) ? view.withoutContacts() : view)
			.sorted(java.util.Comparator.comparing(GuardianView::familyName).thenComparing(GuardianView::givenName))
			.toList());
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

	/** Today in the district: see {@link DistrictClock#districtClock.today()}. */
	// Kept until the other modules' callers ask DistrictClock; the merge removes it.
	@Deprecated(forRemoval = true)
	public LocalDate today() {
		return districtClock.today();
	}

	/** The district's time zone: see {@link DistrictClock#zone()}. */
	// Kept until the other modules' callers ask DistrictClock; the merge removes it.
	@Deprecated(forRemoval = true)
	public ZoneId timeZone() {
		return districtClock.zone();
	}

	/**
	 * The names ("given family") of those of the given students the viewer may see, by id; the
	 * others are left out. Nothing is logged: the caller reports what it shows with
	 * {@link #recordAccess}.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, String> visibleStudentNames(Viewer viewer, Collection<UUID> studentIds) {
		if (studentIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select s.id, s.given_name || ' ' || s.family_name from directory.student s where s.id in (:ids) and "
				+ AccessPolicy.VISIBLE_STUDENT)
			.params(AccessPolicy.parameters(viewer, districtClock.today()))
			.param("ids", studentIds)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * The names of those of the given guardians the viewer may see, by id: a guardian with a child
	 * the viewer may see, or any guardian for a district administrator (as on the guardian's page).
	 */
	@Transactional(readOnly = true)
	public Map<UUID, String> visibleGuardianNames(Viewer viewer, Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				select gu.id, gu.given_name || ' ' || gu.family_name from directory.guardian gu
				where gu.id in (:ids) and (:districtWide or exists (select 1 from directory.guardianship g
				  join directory.student s on s.id = g.student_id where g.guardian_id = gu.id and %s))"""
			.formatted(AccessPolicy.VISIBLE_STUDENT))
			.params(AccessPolicy.parameters(viewer, districtClock.today()))
			.param("ids", guardianIds)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Reports a disclosure assembled elsewhere, in this module or another (a task naming a
	 * student), for the access log.
	 */
	public void recordAccess(String actor, List<UUID> studentIds, String what, String purpose, String query) {
		logAccess(actor, studentIds, what, purpose, query);
	}

	private void logAccess(String actor, List<UUID> studentIds, String what, String purpose, String query) {
		events.publishEvent(new StudentRecordsAccessed(actor, studentIds, what, purpose, query, clock.instant()));
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
		if (!canSee(viewer, studentId)) {
			throw new NotFoundException("student");
		}
		UUID school = students.findById(studentId).flatMap(student -> student.schoolOn(districtClock.today()))
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

	private List<PhoneNumber> phones(List<String> values) {
		List<PhoneNumber> phones = new ArrayList<>();
		List<String> given = values == null ? List.of() : values;
		for (int i = 0; i < given.size(); i++) {
			if (given.get(i) == null || given.get(i).isBlank()) {
				throw new InvalidInputException("phones[" + i + "]", "A phone number cannot be empty");
			}
			phones.add(PhoneNumber.parse(given.get(i), settings.defaultRegion()));
		}
		return phones;
	}

	private static List<String> channels(List<DirectoryCommands.Channel> channels) {
		return channels == null ? List.of() : channels.stream().map(Enum::name).toList();
	}

	private static String searchLanguage(String value) {
		try {
			return LanguageTag.of(value).language();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("language", "Not a BCP 47 language tag: " + value);
		}
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

	private boolean holds(String condition, Viewer viewer, UUID studentId) {
		return jdbc.sql("select exists (select 1 from directory.student s where s.id = :studentId and " + condition + ")")
			.params(AccessPolicy.parameters(viewer, districtClock.today()))
			.param("studentId", studentId)
			.query(Boolean.class)
			.single();
	}
}
