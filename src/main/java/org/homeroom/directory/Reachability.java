package org.homeroom.directory;

import java.util.Map;

/**
 * A subquery, with its named parameters, that answers for one guardian whether a message already
 * addressed to them may still go: one row of columns {@code active} (the guardian is still on
 * record), {@code no_contact} (a no-contact restriction about one of the children the message is
 * about is in force on the district's day), {@code reachable} (a valid, verified contact remains)
 * {@code email} (the first such e-mail address, or null), {@code phone} (the first such phone in E.164, or
 * null) and {@code preferred_channels} (the family's channels in their order, {@code IN_APP}, {@code EMAIL},
 * {@code SMS}). Another module joins it laterally
 * to its own rows, so that a whole batch is re-checked in one statement while the rules about
 * restrictions and contacts stay in the directory.
 */
public record Reachability(String sql, Map<String, Object> parameters) {
}
