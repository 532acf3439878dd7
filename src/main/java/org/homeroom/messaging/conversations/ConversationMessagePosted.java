package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.UUID;

/**
 * A message was added to a conversation and committed. Published in the posting transaction, so
 * that Modulith's registry hands it to listeners after commit. {@code authorSide} is STAFF,
 * GUARDIAN or SYSTEM; {@code guardianIds} are the guardians it was delivered to when staff wrote
 * (those who may be contacted about the student at that moment), the guardian who wrote for an
 * automatic (SYSTEM) answer outside office hours, and empty for a family's own message.
 */
public record ConversationMessagePosted(UUID conversationId, UUID messageId, UUID studentId, String authorSide,
		List<UUID> guardianIds) {
}
