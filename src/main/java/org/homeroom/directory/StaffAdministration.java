package org.homeroom.directory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.StaffRoles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff records as administrators manage them: who works where, in which roles. A role at a
 * school lives here, in {@code directory.staff_assignment}, and nowhere else, because the access
 * policy reads it. District administrators manage every school; a school administrator only the
 * schools where they hold that role, and only the staff who work there.
 */
@Service
public class StaffAdministration {

	/** The roles held at one school; district administration is an account's grant, not an assignment. */
	public static final List<String> SCHOOL_ROLES = StaffRoles.IN_ORDER.stream()
		.filter(role -> !role.equals(StaffRoles.DISTRICT_ADMIN))
		.toList();

	private static final UUID NOBODY = new UUID(0, 0);

	private static final String VISIBLE_STAFF = """
			(:districtWide or exists (select 1 from directory.staff_assignment a
			  join directory.staff_assignment mine on mine.school_id = a.school_id
			   and mine.staff_id = :viewerStaff and mine.role = 'SCHOOL_ADMIN'
			  where a.staff_id = st.id))""";

	private static final String MATCHING = """
			from directory.staff st
			where st.active and %s
			  and (:q = '' or lower(st.given_name || ' ' || st.family_name) like '%%' || lower(:q) || '%%'
			       or lower(st.family_name || ' ' || st.given_name) like '%%' || lower(:q) || '%%'
			       or st.email like '%%' || lower(:q) || '%%')
			""".formatted(VISIBLE_STAFF);

	private final JdbcClient jdbc;

	StaffAdministration(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the viewer administers anything: the whole district, or at least one school. */
	@Transactional(readOnly = true)
	public boolean administers(Viewer viewer) {
		return viewer.districtAdmin() || !schoolsAdministeredBy(viewer).isEmpty();
	}

	/** The schools whose staff the viewer may manage: all of them for a district administrator. */
	@Transactional(readOnly = true)
	public List<SchoolView> schoolsAdministeredBy(Viewer viewer) {
		return jdbc.sql("""
				select s.id, s.name, s.kind from directory.school s
				where s.active and (:districtWide or exists (select 1 from directory.staff_assignment mine
				  where mine.school_id = s.id and mine.staff_id = :viewerStaff and mine.role = 'SCHOOL_ADMIN'))
				order by s.name""")
			.param("districtWide", viewer.districtAdmin())
			.param("viewerStaff", viewer.staffId().orElse(NOBODY))
			.query(SchoolView.class)
			.list();
	}

	/** A page of the active staff records the viewer manages, by family name, searched by name or e-mail. */
	@Transactional(readOnly = true)
	public StaffPage staff(Viewer viewer, String q, int page, int size) {
		requireAdministrator(viewer);
		String search = q == null ? "" : q.strip();
		int from = Math.max(page, 0);
		long total = jdbc.sql("select count(*) " + MATCHING).params(parameters(viewer, search)).query(Long.class).single();
		List<UUID> ids = jdbc.sql("select st.id " + MATCHING
				+ " order by lower(st.family_name), lower(st.given_name), st.id limit :limit offset :offset")
			.params(parameters(viewer, search))
			.param("limit", size)
			.param("offset", (long) from * size)
			.query(UUID.class)
			.list();
		return new StaffPage(members(ids), from, size, total);
	}

	/** Every active staff record the viewer manages that matches the search, for acting on them all at once. */
	@Transactional(readOnly = true)
	public List<StaffMember> allStaff(Viewer viewer, String q) {
		requireAdministrator(viewer);
		List<UUID> ids = jdbc.sql("select st.id " + MATCHING + " order by lower(st.family_name), lower(st.given_name), st.id")
			.params(parameters(viewer, q == null ? "" : q.strip()))
			.query(UUID.class)
			.list();
		return members(ids);
	}

	/** One staff record, if the viewer manages it; otherwise empty, as for one that does not exist. */
	@Transactional(readOnly = true)
	public Optional<StaffMember> staffMember(Viewer viewer, UUID staffId) {
		requireAdministrator(viewer);
		boolean visible = jdbc.sql("select exists (select 1 from directory.staff st where st.id = :id and "
				+ VISIBLE_STAFF + ")")
			.params(parameters(viewer, ""))
			.param("id", staffId)
			.query(Boolean.class)
			.single();
		return visible ? members(List.of(staffId)).stream().findFirst() : Optional.empty();
	}

	/**
	 * The staff record with this id, whoever asks: for the person it describes, who proves who they
	 * are with an invitation sent to its address.
	 */
	@Transactional(readOnly = true)
	public Optional<StaffMember> staffRecord(UUID staffId) {
		return members(List.of(staffId)).stream().findFirst();
	}

	/** Which of these (lower-case) addresses belong to an active staff record. */
	@Transactional(readOnly = true)
	public Set<String> emailsOnFile(Collection<String> emails) {
		if (emails.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select email from directory.staff where active and email in (:emails)")
			.param("emails", emails).query(String.class).list());
	}

	/** The roles the active staff record with this e-mail address holds at any school: what its account may do. */
	@Transactional(readOnly = true)
	public Set<String> schoolRolesOf(String email) {
		return new HashSet<>(jdbc.sql("""
				select distinct a.role from directory.staff_assignment a join directory.staff st on st.id = a.staff_id
				where st.email = lower(?) and st.active""").param(email).query(String.class).list());
	}

	/** Gives a member of staff a role at a school; nothing changes if they hold it already. */
	@Transactional
	public boolean assign(Viewer viewer, UUID staffId, UUID schoolId, String role) {
		requireManageable(viewer, staffId, schoolId, role);
		return jdbc.sql("""
				insert into directory.staff_assignment (staff_id, school_id, role) values (?, ?, ?)
				on conflict do nothing""").params(staffId, schoolId, role).update() > 0;
	}

	/** Takes a role at a school away from a member of staff. */
	@Transactional
	public boolean unassign(Viewer viewer, UUID staffId, UUID schoolId, String role) {
		requireManageable(viewer, staffId, schoolId, role);
		return jdbc.sql("delete from directory.staff_assignment where staff_id = ? and school_id = ? and role = ?")
			.params(staffId, schoolId, role).update() > 0;
	}

	private void requireManageable(Viewer viewer, UUID staffId, UUID schoolId, String role) {
		if (!SCHOOL_ROLES.contains(role)) {
			throw new InvalidInputException("role", "Not a role held at a school: " + role);
		}
		// Someone else's staff answer as missing, so that a refusal reveals nothing.
		if (staffMember(viewer, staffId).isEmpty()) {
			throw new NotFoundException("staff");
		}
		if (schoolsAdministeredBy(viewer).stream().noneMatch(school -> school.id().equals(schoolId))) {
			throw new InvalidInputException("schoolId", "Not a school you manage");
		}
	}

	private void requireAdministrator(Viewer viewer) {
		if (!administers(viewer)) {
			throw new AccessDeniedException("Staff records are managed by administrators");
		}
	}

	private static Map<String, Object> parameters(Viewer viewer, String q) {
		return Map.of("districtWide", viewer.districtAdmin(), "viewerStaff", viewer.staffId().orElse(NOBODY), "q", q);
	}

	private List<StaffMember> members(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<Records.Assignment>> assignments = jdbc.sql("""
				select a.staff_id, a.school_id, s.name, a.role from directory.staff_assignment a
				join directory.school s on s.id = a.school_id where a.staff_id in (:ids) order by s.name, a.role""")
			.param("ids", ids)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class),
					new Records.Assignment(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		Map<UUID, StaffMember> byId = jdbc.sql("select id, given_name, family_name, email, active from directory.staff where id in (:ids)")
			.param("ids", ids)
			.query((rs, row) -> {
				UUID id = rs.getObject(1, UUID.class);
				return new StaffMember(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
						assignments.getOrDefault(id, List.of()));
			})
			.list()
			.stream()
			.collect(Collectors.toMap(StaffMember::id, member -> member));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** A staff record with where they work and in which roles. */
	public record StaffMember(UUID id, String givenName, String familyName, String email, boolean active,
			List<Records.Assignment> assignments) {

		public String name() {
			return givenName + " " + familyName;
		}
	}

	public record StaffPage(List<StaffMember> items, int page, int size, long total) {
	}
}
