package org.homeroom.directory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.PhoneNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The schools as administrators keep them by hand: today, each office's phone, which OneRoster does
 * not carry and which families are told to call in the interpreter line ({@link OfficePhones}).
 * District administrators keep every school; a school administrator the schools where they hold that
 * role ({@code directory.staff_assignment}, as {@link StaffAdministration} reads it); anyone else is
 * refused. Schools' names and office phones are public facts, so no student policy applies and
 * nothing is logged.
 */
@Service
class SchoolAdministration {

	/** The role, held at a school, that lets its holder keep that school's record. */
	static final String SCHOOL_ADMIN = "SCHOOL_ADMIN";

	private static final UUID NOBODY = new UUID(0, 0);

	private static final String KEPT_BY_VIEWER = """
			(:districtWide or exists (select 1 from directory.staff_assignment mine
			  where mine.school_id = s.id and mine.staff_id = :viewerStaff and mine.role = 'SCHOOL_ADMIN'))""";

	private static final String MATCHING = """
			from directory.school s
			where s.active and %s and (:q = '' or s.name ilike '%%' || :q || '%%')""".formatted(KEPT_BY_VIEWER);

	private final JdbcClient jdbc;

	private final DirectorySettings settings;

	SchoolAdministration(JdbcClient jdbc, DirectorySettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** Whether the viewer's account holds a role that keeps schools at all; the page is refused otherwise. */
	static boolean mayKeepSchools(Viewer viewer) {
		return viewer.districtAdmin() || viewer.hasRole(SCHOOL_ADMIN);
	}

	/** A page of the active schools the viewer keeps, by name, searched by part of the name. */
	@Transactional(readOnly = true)
	public SchoolPage schools(Viewer viewer, String q, int page, int size) {
		requireKeeper(viewer);
		String search = escapeLike(q == null ? "" : q.strip());
		int from = Math.max(page, 0);
		long total = jdbc.sql("select count(*) " + MATCHING).params(parameters(viewer, search)).query(Long.class).single();
		List<KeptSchool> items = jdbc.sql("select s.id, s.name, s.kind, s.office_phone " + MATCHING
				+ " order by lower(s.name), s.id limit :limit offset :offset")
			.params(parameters(viewer, search))
			.param("limit", size)
			.param("offset", (long) from * size)
			.query((rs, row) -> kept(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		return new SchoolPage(items, from, size, total);
	}

	/**
	 * One school the viewer keeps. A school that does not exist is missing (404); one that exists
	 * but is another's is refused (403): which schools the district has is no secret.
	 */
	@Transactional(readOnly = true)
	public KeptSchool school(Viewer viewer, UUID schoolId) {
		requireKeeper(viewer);
		KeptSchool school = jdbc.sql("select id, name, kind, office_phone from directory.school where id = ? and active")
			.param(schoolId)
			.query((rs, row) -> kept(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional()
			.orElseThrow(() -> new NotFoundException("school"));
		boolean keeps = jdbc.sql("select exists (select 1 from directory.school s where s.id = :id and " + KEPT_BY_VIEWER + ")")
			.params(parameters(viewer, ""))
			.param("id", schoolId)
			.query(Boolean.class)
			.single();
		if (!keeps) {
			throw new AccessDeniedException("A school administrator keeps their own schools only");
		}
		return school;
	}

	/** Records the office's phone, a valid number (stored E.164), as families will be told to call it. */
	@Transactional
	public KeptSchool changeOfficePhone(Viewer viewer, UUID schoolId, PhoneNumber phone) {
		if (!phone.valid()) {
			throw new IllegalArgumentException("Only a valid number is recorded as a school office's phone");
		}
		return write(viewer, schoolId, phone.value());
	}

	/** Forgets the office's phone: families are told to call their school office, without a number. */
	@Transactional
	public KeptSchool clearOfficePhone(Viewer viewer, UUID schoolId) {
		return write(viewer, schoolId, null);
	}

	/** The region whose numbers are written without a country code: the district's. */
	String region() {
		return settings.defaultRegion();
	}

	private KeptSchool write(Viewer viewer, UUID schoolId, String phone) {
		KeptSchool school = school(viewer, schoolId);
		jdbc.sql("update directory.school set office_phone = ? where id = ?").params(phone, schoolId).update();
		return kept(school.id(), school.name(), school.kind(), phone);
	}

	private void requireKeeper(Viewer viewer) {
		if (!mayKeepSchools(viewer)) {
			throw new AccessDeniedException("Schools are kept by administrators");
		}
	}

	private KeptSchool kept(UUID id, String name, String kind, String phone) {
		return new KeptSchool(id, name, kind, phone, phone == null ? null : PhoneNumber.forDisplay(phone, settings.defaultRegion()));
	}

	private static Map<String, Object> parameters(Viewer viewer, String q) {
		return Map.of("districtWide", viewer.districtAdmin(), "viewerStaff", viewer.staffId().orElse(NOBODY), "q", q);
	}

	/** A search for "100%" finds that text, not every name. */
	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A school as its administrators see it.
	 *
	 * @param officePhone E.164, or null when none is recorded
	 * @param officePhoneShown the same number as it is dialled in the district's region
	 */
	record KeptSchool(UUID id, String name, String kind, String officePhone, String officePhoneShown) {
	}

	record SchoolPage(List<KeptSchool> items, int page, int size, long total) {
	}
}
