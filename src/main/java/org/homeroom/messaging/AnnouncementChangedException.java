package org.homeroom.messaging;

import java.util.UUID;

/** Someone changed the announcement since the sender read it: 409, read it again. */
class AnnouncementChangedException extends RuntimeException {

	AnnouncementChangedException(UUID id) {
		super("The announcement " + id + " was changed since you read it: read it again, then change it");
	}
}
