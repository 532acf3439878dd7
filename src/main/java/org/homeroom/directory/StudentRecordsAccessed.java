package org.homeroom.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone read or exported student records: the FERPA record of a disclosure. A read of one record
 * names that student; a list or search names its query and how many students it returned.
 *
 * @param actor who read (the sign-in name)
 * @param studentIds the students whose records were disclosed
 * @param what what was read, e.g. {@code student}, {@code student.guardians}, {@code student.search}
 * @param purpose why, as the reader's context gives it (the page or API used)
 * @param query the search, for lists; null for a single record
 * @param at when
 */
public record StudentRecordsAccessed(String actor, List<UUID> studentIds, String what, String purpose, String query,
		Instant at) {

	public StudentRecordsAccessed {
		studentIds = List.copyOf(studentIds);
	}
}
