package org.homeroom.messaging;

import java.time.Instant;
import java.util.UUID;

/** An announcement in a family's inbox, about the children it names. */
public record InboxMessage(UUID id, String subject, String body, Category category, String children, Instant sentAt,
		boolean read) {
}
