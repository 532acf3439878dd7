package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in a family's feed: which thread and child it belongs to, who wrote it, whether it is
 * read, and whether it is an automatic answer (sent outside office hours) rather than a person's.
 */
public record RecentMessage(UUID conversationId, UUID messageId, UUID studentId, String studentName, String authorName,
		String authorRole, String body, Instant createdAt, boolean read, boolean automatic) {
}
