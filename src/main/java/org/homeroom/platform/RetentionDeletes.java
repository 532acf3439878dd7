package org.homeroom.platform;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes the rows whose retention period is over, a bounded batch at a time, each batch a statement
 * (and so a transaction) of its own. A backlog of millions of rows (a first run after an upgrade, a
 * scheduler stopped for weeks) then never becomes one transaction holding millions of row locks and
 * bloating the write-ahead log in one go; a run stops after {@link #MOST_BATCHES_PER_RUN} batches
 * and leaves the rest to the next run, so that one retention task cannot hold a scheduler thread
 * for hours.
 *
 * <p>Every module deletes its own rows with it, from a recurring db-scheduler task of its own (see
 * docs/retention.md). It must run outside a transaction: inside one, the batches would all commit
 * together, which is what it is there to avoid.
 */
public final class RetentionDeletes {

	/** Rows per statement: small enough for a short lock, large enough that a backlog clears in minutes. */
	public static final int BATCH = 1000;

	static final int MOST_BATCHES_PER_RUN = 200;

	private RetentionDeletes() {
	}

	/**
	 * Deletes the rows of {@code table} that match {@code condition}, in batches, and says how many went.
	 *
	 * @param table a table's qualified name, a constant of the caller's: never user input
	 * @param condition a SQL condition on the table's rows, with named parameters, also a constant
	 * @param parameters the values of the condition's named parameters
	 */
	public static long delete(JdbcClient jdbc, String table, String condition, Map<String, ?> parameters) {
		// By ctid, since a batch needs a limit and DELETE has none in PostgreSQL; each batch's rows are
		// found through the condition's index and then deleted by their physical address.
		String statement = "delete from %s where ctid = any(array(select ctid from %s where %s limit %d))"
			.formatted(table, table, condition, BATCH);
		long deleted = 0;
		for (int batch = 0; batch < MOST_BATCHES_PER_RUN; batch++) {
			int rows = jdbc.sql(statement).params(parameters).update();
			deleted += rows;
			if (rows < BATCH) {
				break;
			}
		}
		return deleted;
	}
}
