package org.homeroom.tasks;

import java.util.Set;

import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.springframework.security.core.Authentication;

/**
 * Who is reading or changing tasks: their sign-in name, whether they are staff, and the viewer the
 * directory's access policy judges them as.
 */
record TaskReader(String name, boolean staff, Viewer viewer) {

	/** Families and partner organisations have no work queue here, and see no task. */
	private static final Set<String> STAFF_ROLES = Set.of("DISTRICT_ADMIN", "SCHOOL_ADMIN", "TEACHER", "COUNSELOR",
			"FAMILY_LIAISON", "ATTENDANCE_OFFICER");

	static TaskReader of(Directory directory, Authentication authentication) {
		Set<String> roles = Directory.rolesOf(authentication);
		return new TaskReader(authentication.getName().toLowerCase(java.util.Locale.ROOT),
				roles.stream().anyMatch(STAFF_ROLES::contains), directory.viewerOf(authentication.getName(), roles));
	}
}
