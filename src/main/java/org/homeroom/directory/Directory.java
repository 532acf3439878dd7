package org.homeroom.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.shared.LanguageTag;
import org.homeroom.shared.StaffRoles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the directory through its one access policy: who a signed-in user is ({@link Viewer}),
 * the district's schools and where a member of staff works, and students, their guardians and
 * their names, each only where the viewer may see them ({@link #canSee}). Every read of a student
 * is reported to {@link Disclosures} for the access log.
 *
 * <p>The module's other services: {@link DistrictClock} (the district's zone and day),
 * {@link Audiences} (whom a message reaches), {@link FamilyDetails} (a family's own contacts and
 * preferences) and, for the directory's own controllers, {@code RecordAdministration}.
 */
@Service
public class Directory {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final StudentRepository students;

	private final GuardianRepository guardians;

	private final Disclosures disclosures;

	private final ObjectProvider<GuardianAccounts> guardianAccounts;

	private final DistrictClock districtClock;

	Directory(JdbcClient jdbc, Clock clock, DistrictClock districtClock, StudentRepository students, GuardianRepository guardians,
			Disclosures disclosures, ObjectProvider<GuardianAccounts> guardianAccounts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.students = students;
		this.guardians = guardians;
		this.disclosures = disclosures;
		this.guardianAccounts = guardianAccounts;
		this.districtClock = districtClock;
	}

	/** Who the signed-in caller is in the directory, looked up once per request. */
	@Transactional(readOnly = true)
	public Viewer viewerOf(Authentication caller) {
		return ViewerArgumentResolver.cachedFor(caller, () -> viewerOf(caller.getName(), rolesOf(caller)));
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
		GuardianAccounts families = guardianAccounts.getIfAvailable(() -> name -> Set.of());
		// A family account has no staff record: not asking saves every family request a statement.
		Optional<UUID> staff = families.familyAccount(username) ? Optional.empty()
				: jdbc.sql("select id from directory.staff where email = lower(?) and active")
					.param(username).query(UUID.class).optional();
		Set<UUID> guardianIds = families.guardiansOf(username);
		return new Viewer(username, Set.copyOf(roles), roles.contains(StaffRoles.DISTRICT_ADMIN), staff, guardianIds);
	}

	@Transactional(readOnly = true)
	public List<SchoolView> schools() {
		return jdbc.sql("select id, name, kind from directory.school where active order by name")
			.query(SchoolView.class).list();
	}

	/**
	 * The languages the district's families prefer, by primary subtag ({@code so} for
	 * {@code so-SO}): what a family may choose as its own language. A count of languages, not a
	 * read of anyone's record, so no policy applies and nothing is logged.
	 */
	@Transactional(readOnly = true)
	public List<String> languagesFamiliesPrefer() {
		return jdbc.sql("""
				select distinct lower(split_part(preferred_language, '-', 1)) from directory.guardian
				where active and preferred_language is not null order by 1""")
			.query(String.class).list();
	}

	/**
	 * How families reach the given schools' offices, by name; public facts, so no policy applies.
	 * A school without a recorded phone is listed with none.
	 */
	@Transactional(readOnly = true)
	public List<SchoolOffice> offices(Collection<UUID> schoolIds) {
		if (schoolIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id, name, office_phone as phone from directory.school where id in (:ids) order by name")
			.param("ids", schoolIds).query(SchoolOffice.class).list();
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

	/**
	 * Of the given students, those the viewer may see, each with whether the viewer may also see
	 * their programme flags: {@link #canSee} and {@link #canSeeProgramFlags} for many students in
	 * one statement, rather than three per student.
	 */
	@Transactional(readOnly = true)
	Map<UUID, Boolean> visibleWithProgramFlags(Viewer viewer, Collection<UUID> studentIds) {
		if (studentIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select s.id, " + AccessPolicy.PROGRAM_FLAGS_VISIBLE
				+ " from directory.student s where s.id in (:ids) and " + AccessPolicy.VISIBLE_STUDENT)
			.params(AccessPolicy.parameters(viewer, districtClock.today()))
			.param("ids", studentIds)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
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
		disclosures.report(new StudentRecordsAccessed(actor, studentIds, what, purpose, query, clock.instant()));
	}

	private static String searchLanguage(String value) {
		try {
			return LanguageTag.of(value).language();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("language", "Not a BCP 47 language tag: " + value);
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
