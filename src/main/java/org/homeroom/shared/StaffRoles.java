package org.homeroom.shared;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The roles that make an account staff, written once: every module asks here whether a caller
 * works for the district, because a family or a partner organisation must never pass for staff.
 */
public final class StaffRoles {

	public static final String DISTRICT_ADMIN = "DISTRICT_ADMIN";

	/**
	 * Every staff role, district administration included (ARCHITECTURE.md, security model), in the
	 * order forms list them.
	 */
	public static final List<String> IN_ORDER = List.of(DISTRICT_ADMIN, "SCHOOL_ADMIN", "TEACHER", "COUNSELOR",
			"FAMILY_LIAISON", "ATTENDANCE_OFFICER");

	public static final Set<String> ALL = Set.copyOf(IN_ORDER);

	private StaffRoles() {
	}

	/** Whether any of the roles (without Spring Security's {@code ROLE_} prefix) is a staff role. */
	public static boolean isStaff(Collection<String> roles) {
		return roles.stream().anyMatch(ALL::contains);
	}
}
