package org.homeroom.directory;

import java.util.UUID;

/**
 * One of a family's own e-mail addresses or phones, as the family sees it: whether it is verified
 * (in use) or still waits for its code, and whether school staff entered it (then no code has been
 * sent yet: the family asks for one to confirm it).
 */
public record FamilyContact(UUID id, DirectoryCommands.ContactKind kind, String value, boolean verified,
		boolean enteredByStaff) {
}
