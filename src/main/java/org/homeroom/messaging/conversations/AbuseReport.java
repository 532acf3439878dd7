package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.util.UUID;

/** A message reported as abusive, as the school's administrators see it. */
public record AbuseReport(UUID id, UUID conversationId, UUID messageId, UUID studentId, String studentName,
		String authorName, String body, String reportedBy, String reporterSide, String reason, Instant createdAt) {
}
