package org.homeroom.directory;

import java.util.Map;

/**
 * A SELECT, with its named parameters, of one row per guardian and child in an audience: columns
 * {@code guardian_id, student_id, guardian_name, student_name, school_name, school_id (the school the
 * child attends today, or null), language, email, phone, reachable, no_contact}. Another module wraps it in its own INSERT, so that thousands of families
 * are resolved in one statement while the rules about who they are stay in the directory.
 */
public record AudienceQuery(String sql, Map<String, Object> parameters) {

	/**
	 * A further condition on the student (aliased {@code s}) that another module adds to an
	 * audience, with its own named parameters, which must not clash with the directory's.
	 */
	public record Condition(String sql, Map<String, Object> parameters) {
	}
}
