package org.homeroom.messaging.delivery;

import java.util.UUID;

import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;

/** A delivery a worker has claimed (now SENDING), with what it needs to hand it to its channel. */
record Claimed(UUID id, UUID announcementId, UUID guardianId, Channel channel, String language, String address,
		String guardianName, String childNames, String schoolNames, int attempts, String subject, String body,
		Category category) {

	/** The same delivery to the family's current address, which may have changed since the release. */
	Claimed at(String currentAddress) {
		return new Claimed(id, announcementId, guardianId, channel, language, currentAddress, guardianName, childNames,
				schoolNames, attempts, subject, body, category);
	}
}
