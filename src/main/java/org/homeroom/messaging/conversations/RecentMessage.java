package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in a family's feed: which thread and child it belongs to, who wrote it, whether it is
 * read, and whether it is an automatic answer (sent outside office hours) rather than a person's.
 * A staff message comes in the family's language when its translation is stored (issue 18):
 * {@code translatedBody} is that text, {@code translationKind} how it was made ({@code MACHINE}, or
 * {@code UNTRANSLATED} when no engine could) and {@code translatedFrom} the language it was written
 * in; all three are null when it needs none or its translation is not made yet ({@code body} is
 * always the original).
 */
public record RecentMessage(UUID conversationId, UUID messageId, UUID studentId, String studentName, String authorName,
		String authorRole, String body, Instant createdAt, boolean read, boolean automatic, String translatedBody,
		String translationKind, String translatedFrom) {
}
