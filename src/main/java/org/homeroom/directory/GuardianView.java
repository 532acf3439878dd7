package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

/**
 * A guardian as staff see them, with contact points and language. {@code emails} and {@code phones}
 * are the confirmed ones, in use; the unconfirmed ones are those staff entered that wait for the
 * family to confirm them, and nothing is sent to them.
 */
public record GuardianView(UUID id, String givenName, String familyName, String preferredLanguage,
		List<ContactView> emails, List<ContactView> phones, List<String> preferredChannels, String bestTimes,
		List<ContactView> unconfirmedEmails, List<ContactView> unconfirmedPhones) {

	/** The same guardian without the ways to reach them: what a co-parent may see. */
	GuardianView withoutContacts() {
		return new GuardianView(id, givenName, familyName, preferredLanguage, List.of(), List.of(), List.of(), null,
				List.of(), List.of());
	}
}
