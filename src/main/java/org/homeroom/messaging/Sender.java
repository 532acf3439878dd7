package org.homeroom.messaging;

import java.util.Set;

import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** Someone writing to families: who they are, their roles, and whom the directory lets them see. */
public record Sender(String username, Set<String> roles, Viewer viewer) {

	/** The staff roles that write announcements and templates. */
	static final Set<String> ROLES = Set.of("DISTRICT_ADMIN", "SCHOOL_ADMIN", "TEACHER", "COUNSELOR", "FAMILY_LIAISON",
			"ATTENDANCE_OFFICER");

	public Sender {
		roles = Set.copyOf(roles);
	}

	/** The signed-in caller, as the directory sees them. */
	static Sender of(Authentication caller, Directory directory) {
		Set<String> roles = Directory.rolesOf(caller);
		return new Sender(caller.getName(), roles, directory.viewerOf(caller.getName(), roles));
	}

	/** Announcements and templates are staff work; anyone else is refused. */
	void requireStaff() {
		if (roles.stream().noneMatch(ROLES::contains)) {
			throw new AccessDeniedException("Announcements are written by staff");
		}
	}
}
