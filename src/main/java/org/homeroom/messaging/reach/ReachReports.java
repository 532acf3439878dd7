package org.homeroom.messaging.reach;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.Audiences;
import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Directory;
import org.homeroom.directory.FamilyScope;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.reach.ReachReport.Counts;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reach report: which families the announcements of a period reached, and in their language or
 * not (issue 18, "Reporting"). Who counts is the directory's families in the reader's scope
 * ({@link Audiences#familiesInScope}: the access policy and the no-contact restrictions apply where
 * they are written, by the audience's rules); what they received
 * is read from the deliveries, and how each version was made from
 * {@code messaging.announcement_translation}, as the announcement's own report reads it.
 *
 * <p>For district administrators (the district, or one school) and school administrators (the
 * schools where they hold that role). Not for teachers: a class is small enough that a count by
 * language ("1 Somali family, not reached") names a family, and a teacher already has the report
 * of each announcement they sent. Counts only, so nothing is written to the access log.
 */
@Service
class ReachReports {

	/**
	 * The whole report in one statement, so that the scope and the deliveries are read once even
	 * when both tables are shown. {@code scope}: the guardians in scope (one row each: their
	 * language by primary subtag, and whether any valid, verified contact is on file); guardians of
	 * students not enrolled today, and guardians under a no-contact restriction about every child in
	 * scope, are left out: the school is not meant to reach them. {@code versions}: how each
	 * version of the period's announcements was made (0 ORIGINAL … 4 UNTRANSLATED; a language with
	 * no row was sent the original). {@code families}: each guardian in scope with the weakest
	 * version received (a delivery SENT or DELIVERED) in the period, null when none. The first part
	 * counts by language; the second, in the district view only, by school.
	 */
	private static final String REPORT = """
			with audience as materialized (%s),
			scope as (
			    select a.guardian_id, min(a.language) as language, bool_or(a.reachable) as reachable
			    from audience a group by a.guardian_id having not bool_and(a.no_contact)),
			versions as (
			    select t.announcement_id, t.language,
			           case t.kind when 'ORIGINAL' then 0 when 'CURATED' then 1 when 'REVIEWED' then 2 when 'MACHINE' then 3
			                else 4 end as weakest
			    from messaging.announcement an join messaging.announcement_translation t on t.announcement_id = an.id
			    where an.released_at >= :reachFrom and an.released_at < :reachUntil),
			received as (%s),
			families as materialized (
			    select s.guardian_id, s.language, s.reachable, r.weakest from scope s left join received r on r.guardian_id = s.guardian_id)
			select f.language, null::uuid as school_id, null::text as school_name, count(*) as guardians,
			       count(*) filter (where not f.reachable) as no_contact, count(f.weakest) as reached,
			       count(*) filter (where f.weakest = 0) as original, count(*) filter (where f.weakest = 1) as curated,
			       count(*) filter (where f.weakest = 2) as reviewed, count(*) filter (where f.weakest = 3) as machine,
			       count(*) filter (where f.weakest = 4) as untranslated, count(*) filter (where f.weakest < 4) as in_their_language,
			       exists (select 1 from messaging.announcement an join messaging.recipient rc on rc.announcement_id = an.id
			               where an.released_at >= :reachFrom and an.released_at < :reachUntil
			                 and rc.guardian_id in (select guardian_id from scope)) as any_announcement
			from families f group by f.language""";

	/**
	 * The weakest version per guardian, for a school or a school administrator's schools: guardian
	 * by guardian through {@code delivery_received_by_guardian} (messaging/V19), an index-only scan
	 * that reads only the deliveries of the guardians in scope.
	 */
	private static final String RECEIVED_BY_GUARDIAN = """
			select s.guardian_id, max(coalesce(v.weakest, 0)) as weakest
			from scope s
			join messaging.delivery d on d.guardian_id = s.guardian_id and d.status in ('SENT', 'DELIVERED')
			join messaging.announcement an on an.id = d.announcement_id
			                                and an.released_at >= :reachFrom and an.released_at < :reachUntil
			left join versions v on v.announcement_id = d.announcement_id and v.language = d.language
			group by s.guardian_id""";

	/**
	 * The same for the whole district, where the scope is (nearly) every guardian: the period's
	 * received deliveries hashed by guardian (a parallel scan on the generated district) instead of
	 * 150,000 probes of the guardian index, which took twice as long; an index led by the
	 * announcement was tried and was slower still (see docs/performance.md). Guardians out of scope
	 * fall away at the join in {@code families}.
	 */
	private static final String RECEIVED_IN_DISTRICT = """
			select d.guardian_id, max(coalesce(v.weakest, 0)) as weakest
			from messaging.announcement an
			join messaging.delivery d on d.announcement_id = an.id and d.status in ('SENT', 'DELIVERED')
			left join versions v on v.announcement_id = d.announcement_id and v.language = d.language
			where an.released_at >= :reachFrom and an.released_at < :reachUntil
			group by d.guardian_id""";

	/** Per school, in the district view: a guardian with children at two schools counts at each. */
	private static final String BY_SCHOOL = """

			union all
			select null, p.school_id, p.school_name, count(*), 0, count(f.weakest), 0, 0, 0, 0, 0,
			       count(*) filter (where f.weakest < 4), false
			from (select distinct a.school_id, a.school_name, a.guardian_id from audience a) p
			join families f on f.guardian_id = p.guardian_id
			group by p.school_id, p.school_name""";

	private final JdbcClient jdbc;

	private final Audiences audiences;

	private final Directory directory;

	private final ConversationParties parties;

	private final DistrictClock clock;

	ReachReports(JdbcClient jdbc, Audiences audiences, Directory directory, ConversationParties parties,
			DistrictClock clock) {
		this.jdbc = jdbc;
		this.audiences = audiences;
		this.directory = directory;
		this.parties = parties;
		this.clock = clock;
	}

	/**
	 * The schools the viewer may report on, by name: every open school for a district
	 * administrator; for a school administrator, those where they hold that role. Anyone else is
	 * refused.
	 */
	@Transactional(readOnly = true)
	List<SchoolView> schools(Viewer viewer) {
		if (viewer.districtAdmin()) {
			return directory.schools();
		}
		if (!viewer.hasRole("SCHOOL_ADMIN") || viewer.staffId().isEmpty()) {
			throw new AccessDeniedException("The reach report is for district and school administrators");
		}
		Set<UUID> theirs = Set.copyOf(parties.schoolsWhereRole(viewer.staffId().get(), List.of("SCHOOL_ADMIN")));
		List<SchoolView> schools = directory.schools().stream().filter(school -> theirs.contains(school.id())).toList();
		if (schools.isEmpty()) {
			throw new AccessDeniedException("The reach report is for administrators of a school");
		}
		return schools;
	}

	/**
	 * The report over the last {@code days} days (today included, on the district's calendar), for
	 * the one school given or, when it is null, every school the viewer may report on.
	 */
	@Transactional(readOnly = true)
	ReachReport report(Viewer viewer, int days, UUID school, Locale reader) {
		if (!ReachReport.PERIODS.contains(days)) {
			throw new InvalidInputException("days", "Choose a period of 7, 30 or 90 days");
		}
		List<SchoolView> schools = schools(viewer);
		if (school != null && schools.stream().noneMatch(one -> one.id().equals(school))) {
			throw new NotFoundException("school");
		}
		boolean wholeDistrict = viewer.districtAdmin() && school == null;
		FamilyScope scope = audiences.familiesInScope(viewer, wholeDistrict,
				wholeDistrict ? Set.of() : school != null ? Set.of(school) : ids(schools));
		LocalDate today = clock.today();
		LocalDate from = today.minusDays(days - 1L);
		ZoneId zone = clock.zone();
		Map<String, Object> parameters = new HashMap<>(scope.parameters());
		parameters.put("reachFrom", Timestamp.from(from.atStartOfDay(zone).toInstant()));
		parameters.put("reachUntil", Timestamp.from(today.plusDays(1).atStartOfDay(zone).toInstant()));
		// Sums over a district's deliveries: compiling them with JIT costs more than it saves, and
		// their hash tables spill to disk within the default work_mem (as the release's do).
		jdbc.sql("set local jit = off").update();
		jdbc.sql("set local work_mem = '64MB'").update();
		List<ReachReport.LanguageRow> languages = new ArrayList<>();
		List<ReachReport.SchoolRow> bySchool = new ArrayList<>();
		boolean[] anyAnnouncement = { false };
		String sql = REPORT.formatted(scope.sql(), wholeDistrict ? RECEIVED_IN_DISTRICT : RECEIVED_BY_GUARDIAN)
				+ (wholeDistrict ? BY_SCHOOL : "") + "\norder by 3, 2, 1";
		jdbc.sql(sql).params(parameters).query(rs -> {
			long guardians = rs.getLong("guardians");
			long reached = rs.getLong("reached");
			UUID schoolId = rs.getObject("school_id", UUID.class);
			if (schoolId != null) {
				bySchool.add(new ReachReport.SchoolRow(schoolId, rs.getString("school_name"), guardians, reached,
						rs.getLong("in_their_language")));
				return;
			}
			anyAnnouncement[0] |= rs.getBoolean("any_announcement");
			Counts counts = new Counts(guardians, rs.getLong("no_contact"), reached,
					List.of(rs.getLong("original"), rs.getLong("curated"), rs.getLong("reviewed"), rs.getLong("machine"),
							rs.getLong("untranslated")),
					guardians - reached);
			String language = rs.getString("language");
			languages.add(new ReachReport.LanguageRow(language, languageName(language, reader), counts));
		});
		languages.sort(Comparator.comparingLong((ReachReport.LanguageRow row) -> -row.counts().guardians())
			.thenComparing(ReachReport.LanguageRow::name));
		Counts total = languages.stream().map(ReachReport.LanguageRow::counts).reduce(Counts.NONE, Counts::plus);
		return new ReachReport(days, from, today, school, anyAnnouncement[0], languages, total, List.copyOf(bySchool));
	}

	private static Set<UUID> ids(List<SchoolView> schools) {
		return Set.copyOf(schools.stream().map(SchoolView::id).toList());
	}

	/** The language by name in the reader's language ("árabe", not "ar"), as the announcement pages name it. */
	private static String languageName(String tag, Locale reader) {
		String name = Locale.forLanguageTag(tag).getDisplayLanguage(reader);
		return name.isBlank() ? tag : name;
	}
}
