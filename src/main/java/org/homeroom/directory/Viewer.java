package org.homeroom.directory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking to see a student, in the directory's terms: a district administrator sees every
 * student; a member of staff is known by their staff record; a family account acts for the
 * guardian records it has been linked to.
 */
public record Viewer(boolean districtAdmin, Optional<UUID> staffId, Set<UUID> guardianIds) {

	public Viewer {
		guardianIds = Set.copyOf(guardianIds);
	}

	public static Viewer districtAdministrator() {
		return new Viewer(true, Optional.empty(), Set.of());
	}

	public static Viewer staff(UUID staffId) {
		return new Viewer(false, Optional.of(staffId), Set.of());
	}

	public static Viewer guardian(UUID... guardianIds) {
		return new Viewer(false, Optional.empty(), Set.of(guardianIds));
	}
}
