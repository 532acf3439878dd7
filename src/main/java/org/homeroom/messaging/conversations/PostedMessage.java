package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored message as a channel relays it (an SMS to the family): which thread and student it
 * belongs to (and the thread's school, whose office a family calls for an interpreter), who wrote
 * it, and its text. Read by id, without a viewer, only by code that holds a
 * {@link ConversationMessagePosted} for it; it is neither shown nor logged here.
 */
public record PostedMessage(UUID conversationId, UUID messageId, UUID studentId, UUID schoolId, String authorSide,
		String authorName, String body, Instant createdAt) {
}
