package org.homeroom.directory;

import java.util.UUID;

/** Who a guardian is, as family sign-in needs to know: enough to greet them and to tell two apart. */
public record GuardianIdentity(UUID id, String givenName, String familyName, String preferredLanguage) {
}
