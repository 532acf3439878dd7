package org.homeroom.directory;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.StaffRoles;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who is calling, resolved once per request: their sign-in name (lower case, as accounts store
 * it), the roles their account holds (without the {@code ROLE_} prefix), and how the access policy
 * judges them: a district administrator sees every student; a member of staff is known by their
 * staff record; a family account acts for the guardian records it has been linked to.
 */
public record Viewer(String name, Set<String> roles, boolean districtAdmin, Optional<UUID> staffId,
		Set<UUID> guardianIds) {

	/** Why an account with no staff role is refused the directory's pages. */
	static final String STAFF_PAGES = "The directory's pages are for staff";

	public Viewer {
		name = name.toLowerCase(Locale.ROOT);
		roles = Set.copyOf(roles);
		guardianIds = Set.copyOf(guardianIds);
	}

	public static Viewer districtAdministrator() {
		return new Viewer("district.administrator", Set.of(StaffRoles.DISTRICT_ADMIN), true, Optional.empty(),
				Set.of());
	}

	public static Viewer staff(UUID staffId) {
		return new Viewer("staff." + staffId, Set.of("TEACHER"), false, Optional.of(staffId), Set.of());
	}

	public static Viewer guardian(UUID... guardianIds) {
		return new Viewer("guardian", Set.of("FAMILY"), false, Optional.empty(), Set.of(guardianIds));
	}

	/** The same viewer under another sign-in name, for tests and jobs that act as a named person. */
	public Viewer named(String name) {
		return new Viewer(name, roles, districtAdmin, staffId, guardianIds);
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	/** Whether the account holds a staff role; families and partner organisations do not. */
	public boolean staff() {
		return StaffRoles.isStaff(roles);
	}

	/** Pages and work for staff only: anyone else is refused outright. */
	public Viewer requireStaff(String why) {
		if (!staff()) {
			throw new AccessDeniedException(why);
		}
		return this;
	}

	/**
	 * A page about one record is for staff; anyone else gets the same 404 as for a record that does
	 * not exist, as the API answers them, so that a refusal reveals nothing.
	 */
	public Viewer requireStaffFor(String what) {
		if (!staff()) {
			throw new NotFoundException(what);
		}
		return this;
	}
}
