package org.homeroom.messaging.conversations;

import java.util.UUID;

/**
 * Someone a thread may be started with: for staff, a guardian of the student ({@code id} the
 * guardian's); for a family, a teacher or counsellor ({@code id} the staff member's) or the school
 * office ({@code id} null). {@code role} is shown in the reader's language.
 */
public record Addressee(Recipient to, UUID id, String name, String role) {
}
