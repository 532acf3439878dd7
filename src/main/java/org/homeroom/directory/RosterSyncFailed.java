package org.homeroom.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * The scheduled OneRoster sync could not bring a file in, or could not read its drop folder: the
 * district administrators are to be told, since nobody watches a scheduled run.
 *
 * @param problem what went wrong
 * @param source the file's name, or the folder's path when the folder could not be read
 * @param importId the rejected import, to read its errors; null for a folder problem
 * @param at when the run found it
 * @param guardPercent the share of the active students or guardians that an import may deactivate
 *     unconfirmed, which a file that {@link Problem#NEEDS_CONFIRMATION needs confirmation} exceeds
 * @param tries how many times the sync tries a file before it gives up on one that {@link Problem#FAILED failed}
 */
public record RosterSyncFailed(Problem problem, String source, UUID importId, Instant at, Integer guardPercent,
		Integer tries) {

	public enum Problem {

		/** The drop folder is missing or cannot be read. */
		FOLDER_UNAVAILABLE,

		/** The file is not a OneRoster zip, or its records have errors; nothing was changed. */
		REJECTED,

		/**
		 * The import would deactivate more records than the guard allows; nothing was changed
		 * until an administrator imports it again, confirmed.
		 */
		NEEDS_CONFIRMATION,

		/**
		 * The import failed before it finished, for no fault found in the file, as many times as
		 * the sync tries; nothing was changed, and the file is not tried again.
		 */
		FAILED
	}
}
