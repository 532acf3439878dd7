package org.homeroom.directory;

import java.util.Map;

/**
 * A SELECT, with its named parameters, of one row per guardian and enrolled child in a reader's
 * scope: columns {@code guardian_id, school_id, school_name} (the school the child attends today),
 * {@code language} (the guardian's, by primary subtag, lower case, {@code en} when none is on file),
 * {@code reachable} (a valid, verified contact is on file) and {@code no_contact} (a no-contact
 * restriction about that child is in force today). The same families, and the same rules, as an
 * {@link AudienceQuery} of the same scope keeps for its children enrolled today, without the
 * addresses and names a release needs: for reports that count families, where reading the first
 * e-mail and phone of 150,000 guardians was most of the time spent.
 */
public record FamilyScope(String sql, Map<String, Object> parameters) {
}
