package org.homeroom.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.shared.LanguageTag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whom a message may reach: the families of an audience a sender names (the district, schools,
 * grades, classes, students, languages, programmes), always within the students the sender may
 * see; the languages those families speak; and, for one student, the guardians who may be
 * contacted about them today. Messaging asks these; the directory owns the relationships and
 * restrictions they are read from.
 */
@Service
public class Audiences {

	/** A no-contact restriction between the guardian {@code gu} and the student {@code s} in force today. */
	private static final String NO_CONTACT_TODAY = """
			exists (select 1 from directory.restriction r
			        where r.student_id = s.id and r.guardian_id = gu.id and r.type = 'NO_CONTACT'
			          and r.lifted_at is null and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today))""";

	/** The school the student {@code s} attends today: the latest enrolment in force. */
	private static final String SCHOOL_TODAY = """
			(select sc.id, sc.name from directory.enrolment e join directory.school sc on sc.id = e.school_id
			 where e.student_id = s.id and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)
			 order by e.starts_on desc limit 1)""";

	/** The student {@code s} is enrolled today at one of {@code :schoolIds}, unless {@code :allSchools}. */
	private static final String AT_SCHOOLS = """
			(:allSchools or s.id in (select e.student_id from directory.enrolment e where e.school_id in (:schoolIds)
			                         and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)))""";

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	Audiences(JdbcClient jdbc, DistrictClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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
		Map<String, Object> parameters = new HashMap<>(AccessPolicy.parameters(sender, clock.today()));
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
				       s.given_name as student_name, school.name as school_name, school.id as school_id,
				       gu.preferred_language as language,
				       (select c.value from directory.contact_point c where c.guardian_id = gu.id and c.kind = 'EMAIL'
				          and c.valid and c.verified order by c.position, c.value limit 1) as email,
				       (select c.value from directory.contact_point c where c.guardian_id = gu.id and c.kind = 'PHONE'
				          and c.valid and c.verified and c.value ~ '^\\+[1-9][0-9]{6,14}$' order by c.position, c.value limit 1) as phone,
				       exists (select 1 from directory.contact_point c where c.guardian_id = gu.id and c.valid and c.verified)
				         as reachable,
				       %2$s as no_contact
				from directory.student s
				join directory.guardianship g on g.student_id = s.id
				join directory.guardian gu on gu.id = g.guardian_id and gu.active
				left join lateral %3$s school on true
				where s.active and %1$s
				  and %4$s
				  and (:allGrades or s.grade in (:grades))
				  and (:allClasses or s.id in (select se.student_id from directory.section_enrolment se
				                               where se.section_id in (:classIds)
				                                 and se.starts_on <= :today and (se.ends_on is null or se.ends_on >= :today)))
				  and (:allStudents or s.id in (:studentIds))
				  and (:allLanguages or split_part(lower(gu.preferred_language), '-', 1) in (:languages))
				  and (:anyProgram or (:englishLearner and s.english_learner) or (:iep and s.iep) or (:section504 and s.section_504))"""
			.formatted(AccessPolicy.VISIBLE_STUDENT, NO_CONTACT_TODAY, SCHOOL_TODAY, AT_SCHOOLS) + further, Map.copyOf(parameters));
	}

	/**
	 * The families of the enrolled students a reader may see, in the whole district or at the
	 * schools given (see {@link FamilyScope}): for counts over a scope, such as the reach report.
	 * The rules are those of {@link #audience}: the access policy, active students and guardians,
	 * the school a child attends today (the latest enrolment in force), a school's children being
	 * those enrolled there today, and the same restriction and contact conditions.
	 */
	@Transactional(readOnly = true)
	public FamilyScope familiesInScope(Viewer reader, boolean district, Set<UUID> schoolIds) {
		if (district && !reader.districtAdmin()) {
			throw new AccessDeniedException("Only a district administrator may see the whole district");
		}
		if (!district && schoolIds.isEmpty()) {
			throw new InvalidInputException("school", "Name the district or a school");
		}
		Map<String, Object> parameters = new HashMap<>(AccessPolicy.parameters(reader, clock.today()));
		parameters.put("allSchools", district);
		parameters.put("schoolIds", orNobody(schoolIds));
		return new FamilyScope("""
				select g.guardian_id, school.id as school_id, school.name as school_name,
				       lower(split_part(coalesce(gu.preferred_language, 'en'), '-', 1)) as language,
				       gu.id in (select c.guardian_id from directory.contact_point c where c.valid and c.verified) as reachable,
				       %2$s as no_contact
				from directory.student s
				join directory.guardianship g on g.student_id = s.id
				join directory.guardian gu on gu.id = g.guardian_id and gu.active
				join lateral %3$s school on true
				where s.active and %1$s
				  and %4$s"""
			.formatted(AccessPolicy.VISIBLE_STUDENT, NO_CONTACT_TODAY, SCHOOL_TODAY, AT_SCHOOLS), Map.copyOf(parameters));
	}

	private static Collection<UUID> orNobody(Set<UUID> ids) {
		return ids.isEmpty() ? List.of(new UUID(0, 0)) : ids;
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
			.params(AccessPolicy.parameters(viewer, clock.today()))
			.query(String.class)
			.list();
	}

	/**
	 * The languages the district's active guardians prefer, by primary subtag ({@code es} for
	 * {@code es-MX}), each with how many guardians prefer it, most preferred first. Counts only, no
	 * student or guardian: what translation builds its reply-language detector and its engine
	 * coverage for, so no access is logged.
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> preferredLanguages() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				select split_part(lower(preferred_language), '-', 1) as language, count(*) as guardians
				from directory.guardian where active group by 1 order by 2 desc, 1""")
			.query(rs -> {
				counts.put(rs.getString("language"), rs.getLong("guardians"));
			});
		return counts;
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
			.param("student", studentId).param("today", clock.today()).query(UUID.class).list();
	}

	/**
	 * Whether a guardian may still be reached now (see {@link Reachability}), for the caller's row
	 * whose guardian is the SQL expression {@code guardianId} and whose children are those the
	 * subquery {@code studentIds} selects. Both are the caller's own SQL, correlated with its row;
	 * the parameter names begin with {@code reach} so as not to clash with the caller's.
	 */
	public Reachability reachability(String guardianId, String studentIds, Instant at) {
		LocalDate today = LocalDate.ofInstant(at, clock.zone());
		return new Reachability("""
				select exists (select 1 from directory.guardian gu where gu.id = %1$s and gu.active) as active,
				       exists (select 1 from directory.restriction x
				               where x.guardian_id = %1$s and x.student_id in (%2$s)
				                 and x.type = 'NO_CONTACT' and x.lifted_at is null
				                 and x.starts_on <= :reachOn and (x.ends_on is null or x.ends_on >= :reachOn)) as no_contact,
				       exists (select 1 from directory.contact_point c where c.guardian_id = %1$s and c.valid and c.verified)
				         as reachable,
				       (select c.value from directory.contact_point c
				        where c.guardian_id = %1$s and c.kind = 'EMAIL' and c.valid and c.verified
				        order by c.position, c.value limit 1) as email,
				       (select c.value from directory.contact_point c
				        where c.guardian_id = %1$s and c.kind = 'PHONE' and c.valid and c.verified and c.value ~ '^\\+[1-9][0-9]{6,14}$'
				        order by c.position, c.value limit 1) as phone,
				       coalesce((select gu.preferred_channels from directory.guardian gu where gu.id = %1$s), '{}') as preferred_channels""".formatted(guardianId, studentIds),
				Map.of("reachOn", today));
	}
}
