package org.homeroom.messaging.conversations;

import java.util.UUID;

/**
 * A suggestion for staff reading a thread: the guardian's last three replies were all written in
 * {@code writtenIn}, which is not their preferred language. Both languages are named in the
 * reader's language. A suggestion only: nothing changes until someone updates the guardian's record.
 */
public record ReplyLanguageSuggestion(UUID guardianId, String guardianName, String writtenIn, String preferred) {
}
