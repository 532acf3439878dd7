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

import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.AudienceQuery;
import org.homeroom.directory.Audiences;
import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Directory;
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
 * not (issue 18, "Reporting"). Who counts is the directory's audience of the reader's scope (so the
 * access policy and the no-contact restrictions apply where they are written); what they received
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
	 * The guardians in scope (one row each: their language by primary subtag, and whether any valid,
	 * verified contact is on file), and, of those, the ones who received an announcement released in
	 * the period, with the weakest version they received (0 ORIGINAL … 4 UNTRANSLATED). Guardians of
	 * students not enrolled today, and guardians under a no-contact restriction about every child in
	 * scope, are left out: the school is not meant to reach them. The deliveries are read guardian by
	 * guardian through {@code delivery_received_by_guardian} (messaging/V19), an index-only scan:
	 * from the announcements' side the planner cannot tell how many guardians the scope holds, and
	 * probed a district's 150,000 guardians per announcement through the heap (two minutes on the
	 * generated district instead of seconds; see docs/performance.md).
	 */
	private static final String SCOPE_AND_RECEIVED = """
			with audience as (%s),
			scope as (
			    select a.guardian_id, min(lower(split_part(coalesce(a.language, 'en'), '-', 1))) as language,
			           bool_or(a.reachable) as reachable
			    from audience a where a.school_id is not null
			    group by a.guardian_id having not bool_and(a.no_contact)),
			received as (
			    select s.guardian_id,
			           max(case coalesce(t.kind, 'ORIGINAL') when 'ORIGINAL' then 0 when 'CURATED' then 1 when 'REVIEWED' then 2
			                    when 'MACHINE' then 3 else 4 end) as weakest
			    from scope s
			    join messaging.delivery d on d.guardian_id = s.guardian_id and d.status in ('SENT', 'DELIVERED')
			    join messaging.announcement an on an.id = d.announcement_id
			                                    and an.released_at >= :reachFrom and an.released_at < :reachUntil
			    left join messaging.announcement_translation t on t.announcement_id = d.announcement_id and t.language = d.language
			    group by s.guardian_id)
			""";

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
		AudienceQuery audience = audiences.audience(viewer, new AudienceCriteria(wholeDistrict,
				wholeDistrict ? Set.of() : school != null ? Set.of(school) : ids(schools), null, null, null, null, null));
		LocalDate today = clock.today();
		LocalDate from = today.minusDays(days - 1L);
		ZoneId zone = clock.zone();
		Map<String, Object> parameters = new HashMap<>(audience.parameters());
		parameters.put("reachFrom", Timestamp.from(from.atStartOfDay(zone).toInstant()));
		parameters.put("reachUntil", Timestamp.from(today.plusDays(1).atStartOfDay(zone).toInstant()));
		// Sums over a district's deliveries: compiling them with JIT costs more than it saves, and
		// their hash tables spill to disk within the default work_mem (as the release's do).
		jdbc.sql("set local jit = off").update();
		jdbc.sql("set local work_mem = '64MB'").update();
		List<ReachReport.LanguageRow> languages = new ArrayList<>();
		boolean[] anyAnnouncement = { false };
		jdbc.sql(SCOPE_AND_RECEIVED.formatted(audience.sql()) + """
				select s.language, count(*) as guardians, count(*) filter (where not s.reachable) as no_contact,
				       count(r.guardian_id) as reached,
				       count(*) filter (where r.weakest = 0) as original, count(*) filter (where r.weakest = 1) as curated,
				       count(*) filter (where r.weakest = 2) as reviewed, count(*) filter (where r.weakest = 3) as machine,
				       count(*) filter (where r.weakest = 4) as untranslated,
				       exists (select 1 from messaging.announcement an join messaging.recipient rc on rc.announcement_id = an.id
				               where an.released_at >= :reachFrom and an.released_at < :reachUntil
				                 and rc.guardian_id in (select guardian_id from scope)) as any_announcement
				from scope s left join received r on r.guardian_id = s.guardian_id
				group by s.language""")
			.params(parameters)
			.query((rs, row) -> {
				anyAnnouncement[0] |= rs.getBoolean("any_announcement");
				long guardians = rs.getLong("guardians");
				long reached = rs.getLong("reached");
				Counts counts = new Counts(guardians, rs.getLong("no_contact"), reached,
						List.of(rs.getLong("original"), rs.getLong("curated"), rs.getLong("reviewed"), rs.getLong("machine"),
								rs.getLong("untranslated")),
						guardians - reached);
				String language = rs.getString("language");
				return languages.add(new ReachReport.LanguageRow(language, languageName(language, reader), counts));
			})
			.list();
		languages.sort(Comparator.comparingLong((ReachReport.LanguageRow row) -> -row.counts().guardians())
			.thenComparing(ReachReport.LanguageRow::name));
		Counts total = languages.stream().map(ReachReport.LanguageRow::counts).reduce(Counts.NONE, Counts::plus);
		List<ReachReport.SchoolRow> bySchool = wholeDistrict ? bySchool(audience, parameters) : List.of();
		return new ReachReport(days, from, today, school, anyAnnouncement[0], languages, total, bySchool);
	}

	/** Per school: a guardian with children at two schools counts at each. */
	private List<ReachReport.SchoolRow> bySchool(AudienceQuery audience, Map<String, Object> parameters) {
		return jdbc.sql(SCOPE_AND_RECEIVED.formatted(audience.sql()) + """
				, at_school as (select distinct a.school_id, a.school_name, a.guardian_id from audience a where a.school_id is not null)
				select p.school_id, p.school_name, count(*) as guardians, count(r.guardian_id) as reached,
				       count(*) filter (where r.weakest < 4) as in_their_language
				from at_school p
				join scope s on s.guardian_id = p.guardian_id
				left join received r on r.guardian_id = p.guardian_id
				group by p.school_id, p.school_name order by p.school_name, p.school_id""")
			.params(parameters)
			.query((rs, row) -> new ReachReport.SchoolRow(rs.getObject("school_id", UUID.class), rs.getString("school_name"),
					rs.getLong("guardians"), rs.getLong("reached"), rs.getLong("in_their_language")))
			.list();
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
