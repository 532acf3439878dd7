package org.homeroom.directory;

import java.util.Set;

import org.homeroom.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Who is calling one of the directory's controllers: their sign-in name, the roles their account
 * holds (without the {@code ROLE_} prefix), and the {@link Viewer} the access policy judges them as.
 */
record Caller(String name, Set<String> roles, Viewer viewer) {

	static final Set<String> STAFF_ROLES = Set.of("DISTRICT_ADMIN", "SCHOOL_ADMIN", "TEACHER", "COUNSELOR",
			"FAMILY_LIAISON", "ATTENDANCE_OFFICER");

	Caller {
		roles = Set.copyOf(roles);
	}

	static Caller of(Directory directory, Authentication authentication) {
		Set<String> roles = Directory.rolesOf(authentication);
		return new Caller(authentication.getName(), roles, directory.viewerOf(authentication.getName(), roles));
	}

	boolean staff() {
		return roles.stream().anyMatch(STAFF_ROLES::contains);
	}

	/** The directory's pages are for staff; anyone else is refused outright. */
	Caller requireStaff() {
		if (!staff()) {
			throw new AccessDeniedException("The directory's pages are for staff");
		}
		return this;
	}

	/**
	 * A page about one student, family or class is for staff; anyone else gets the same 404 as for
	 * a record that does not exist, as the API answers them, so that a refusal reveals nothing.
	 */
	Caller requireStaffFor(String what) {
		if (!staff()) {
			throw new NotFoundException(what);
		}
		return this;
	}
}
