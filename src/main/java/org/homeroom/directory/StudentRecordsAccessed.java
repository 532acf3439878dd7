package org.homeroom.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone read or exported student records: the FERPA record of a disclosure. The access log keeps
 * one row for each student named here, so a list, search or report names every student it showed
 * on the page or in the report read, not only how many.
 *
 * @param actor who read (the sign-in name)
 * @param studentIds the students whose records were disclosed
 * @param what what was read, as a key the log page puts into words, e.g. {@code student},
 *        {@code student.search}, {@code task.list}, {@code announcement.report}
 * @param purpose why, as the reader's context gives it (the page or API used), also a key
 * @param query the search, for lists; null for a single record
 * @param at when
 */
public record StudentRecordsAccessed(String actor, List<UUID> studentIds, String what, String purpose, String query,
		Instant at) {

	public StudentRecordsAccessed {
		studentIds = List.copyOf(studentIds);
	}
}
