package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

/** A guardian as staff see them, with contact points and language. */
public record GuardianView(UUID id, String givenName, String familyName, String preferredLanguage,
		List<ContactView> emails, List<ContactView> phones, List<String> preferredChannels, String bestTimes) {

	/** The same guardian without the ways to reach them: what a co-parent may see. */
	GuardianView withoutContacts() {
		return new GuardianView(id, givenName, familyName, preferredLanguage, List.of(), List.of(), List.of(), null);
	}
}
