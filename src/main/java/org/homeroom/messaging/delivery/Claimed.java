package org.homeroom.messaging.delivery;

import java.util.UUID;

import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;

/**
 * A delivery a worker has claimed (now SENDING), with what it needs to hand it to its channel: the
 * subject and body in the family's language, how that text was made ({@code translation}: ORIGINAL,
 * MACHINE, UNTRANSLATED…, for the label) and the original, which a machine translation carries too.
 */
record Claimed(UUID id, UUID announcementId, UUID guardianId, Channel channel, String language, String address,
		String guardianName, String childNames, String schoolNames, int attempts, String subject, String body,
		Category category, String translation, String originalSubject, String originalBody) {

	/** The same delivery to the family's current address, which may have changed since the release. */
	Claimed at(String currentAddress) {
		return new Claimed(id, announcementId, guardianId, channel, language, currentAddress, guardianName, childNames,
				schoolNames, attempts, subject, body, category, translation, originalSubject, originalBody);
	}

	boolean machineTranslated() {
		return "MACHINE".equals(translation);
	}

	boolean untranslated() {
		return "UNTRANSLATED".equals(translation);
	}
}
