package org.homeroom.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Staff changed the e-mail addresses or phones on file for a guardian. The family is told on the
 * contacts that were in use before the change ({@code tellAt}): a contact staff added waits for the
 * family to confirm it, and one they did not expect is their cue to call the school.
 */
public record GuardianContactsChangedByStaff(UUID guardianId, String preferredLanguage, List<String> tellAt,
		List<String> added, List<String> removed, Instant changedAt) {

	public GuardianContactsChangedByStaff {
		tellAt = List.copyOf(tellAt);
		added = List.copyOf(added);
		removed = List.copyOf(removed);
	}
}
