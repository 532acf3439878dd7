package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.homeroom.directory.RosterSyncFailed;
import org.homeroom.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled sync: the district's SIS writes OneRoster sets to a drop folder, as zips or as folders
 * of unzipped files, and Homeroom imports each new one. Sets are known by the SHA-256 of their
 * content, so that a set is imported once however often it is renamed or touched, and a rejected
 * one is not retried at every run; a corrected export has another hash and is imported. Nobody
 * watches a scheduled run, so a rejected set, or a folder that cannot be read, is published as
 * {@link RosterSyncFailed} for the district administrators to be told.
 *
 * <p>The schedule is "every N minutes" rather than a time of day: an SIS writes its exports when
 * its own jobs finish, which the district rarely controls, and looking in a folder is cheap. The
 * recurring task ({@link RosterSyncTask}) asks every minute whether a run is due.
 */
@Service
class RosterSync {

	static final String STARTED_BY = "scheduled sync";

	static final int MIN_EVERY_MINUTES = 5;

	static final int MAX_EVERY_MINUTES = 7 * 24 * 60;

	/** A set changed more recently than this may still be being written; it waits for the next run. */
	static final Duration SETTLE = Duration.ofMinutes(1);

	/** How many looks try a set whose import fails for no fault of its files before it is given up. */
	static final int TRIES = 3;

	/** One run at a time across the cluster, whether it was due or asked for. */
	private static final long LOCK = 0x526f737453796e63L;

	private static final Logger log = LoggerFactory.getLogger(RosterSync.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final RosterImports imports;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final RosterImportSettings settings;

	RosterSync(JdbcClient jdbc, DataSource dataSource, RosterImports imports, Clock clock,
			ApplicationEventPublisher events, TransactionTemplate transactions, RosterImportSettings settings) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.imports = imports;
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
		this.settings = settings;
	}

	RosterSyncView settings(Authentication caller) {
		RosterImports.requireDistrictAdmin(caller);
		return settings();
	}

	RosterSyncView settings() {
		return jdbc.sql("select * from directory.roster_sync where id = 1").query((rs, row) -> {
			Timestamp lastRun = rs.getTimestamp("last_run_at");
			return new RosterSyncView(rs.getString("folder"), rs.getInt("every_minutes"), rs.getBoolean("enabled"),
					lastRun == null ? null : lastRun.toInstant(), rs.getString("last_problem"), rs.getBoolean("run_requested"));
		}).single();
	}

	/**
	 * Names the drop folder and the schedule; the page has checked them field by field first. A
	 * sync that is off may keep a folder that is not there (yet, or any more).
	 */
	void change(Authentication caller, String folder, int everyMinutes, boolean enabled) {
		RosterImports.requireDistrictAdmin(caller);
		String problem = folderProblem(folder, enabled);
		if (problem != null) {
			throw new InvalidInputException("folder", problem);
		}
		if (everyMinutes < MIN_EVERY_MINUTES || everyMinutes > MAX_EVERY_MINUTES) {
			throw new InvalidInputException("everyMinutes", "imports.sync.every.range");
		}
		jdbc.sql("""
				update directory.roster_sync set folder = ?, every_minutes = ?, enabled = ?, last_problem = null,
				  updated_at = ?, updated_by = ? where id = 1""")
			.params(folder == null || folder.isBlank() ? null : folder.strip(), everyMinutes, enabled,
					Timestamp.from(clock.instant()), caller.getName())
			.update();
	}

	/**
	 * Why a folder cannot be the drop folder, as a message code; null when it can. An enabled sync
	 * needs an absolute path to a directory it can read, checked on the node that saves it (every
	 * node that runs the scheduler must see the same path); one that is off needs no folder.
	 */
	static String folderProblem(String folder, boolean enabled) {
		if (folder == null || folder.isBlank()) {
			return enabled ? "imports.sync.folder.required" : null;
		}
		Path path;
		try {
			path = Path.of(folder.strip());
		}
		catch (RuntimeException ex) {
			return "imports.sync.folder.absolute";
		}
		if (!path.isAbsolute()) {
			return "imports.sync.folder.absolute";
		}
		if (enabled && (!Files.isDirectory(path) || !Files.isReadable(path))) {
			return "imports.sync.folder.unreadable";
		}
		return null;
	}

	/**
	 * Asks for a run at the recurring task's next turn, within a minute, whether or not one is due:
	 * for an administrator who has just named the folder, or knows a new export is there.
	 *
	 * @return false when the sync is off, and nothing was asked for
	 */
	boolean requestRun(Authentication caller) {
		RosterImports.requireDistrictAdmin(caller);
		return jdbc.sql("update directory.roster_sync set run_requested = true where id = 1 and enabled").update() == 1;
	}

	/** The recurring task's work: a run when the sync is enabled and its interval has passed, or one was asked for. */
	void runIfDue() {
		Optional<String> folder = jdbc.sql("""
				update directory.roster_sync set last_run_at = :now, run_requested = false
				where id = 1 and enabled
				  and (run_requested or last_run_at is null or last_run_at + every_minutes * interval '1 minute' <= :now)
				returning folder""")
			.param("now", Timestamp.from(clock.instant()))
			.query(String.class)
			.optional();
		folder.ifPresent(path -> exclusively(false, () -> sync(Path.of(path))));
	}

	/** A run now, due or not, once a run in progress has finished; nothing when the sync is off. */
	void runNow() {
		Optional<String> folder = jdbc.sql("""
				update directory.roster_sync set last_run_at = ? where id = 1 and enabled returning folder""")
			.param(Timestamp.from(clock.instant()))
			.query(String.class)
			.optional();
		folder.ifPresent(path -> exclusively(true, () -> sync(Path.of(path))));
	}

	/**
	 * Holds a session advisory lock for the run, on a connection of its own: a run spans one
	 * transaction per import, so no transaction lock lasts long enough.
	 */
	private void exclusively(boolean wait, Runnable run) {
		try (Connection connection = dataSource.getConnection()) {
			if (!lock(connection, wait)) {
				log.info("Roster sync skipped: another run is in progress");
				return;
			}
			try {
				run.run();
			}
			finally {
				try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
					unlock.setLong(1, LOCK);
					unlock.execute();
				}
				catch (SQLException ex) {
					// A connection that may still hold the lock must not go back to the pool, where it
					// would keep every later run out: closing it for good ends its session and the lock.
					connection.abort(Runnable::run);
					throw ex;
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not take the roster sync lock", ex);
		}
	}

	private static boolean lock(Connection connection, boolean wait) throws SQLException {
		String sql = wait ? "select pg_advisory_lock(?) is not null" : "select pg_try_advisory_lock(?)";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, LOCK);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private void sync(Path folder) {
		List<Path> sets;
		try {
			sets = DropFolder.settledSets(folder, clock.instant().minus(SETTLE));
		}
		catch (IOException | UncheckedIOException | SecurityException ex) {
			folderUnavailable(folder, ex);
			return;
		}
		jdbc.sql("update directory.roster_sync set last_problem = null where id = 1").update();
		for (Path set : sets) {
			take(set);
		}
	}

	/**
	 * Imports one set unless its content was imported before. It is copied first and the copy is
	 * hashed and imported, so that what is recorded is what was imported even if the SIS rewrites
	 * the files meanwhile.
	 */
	private void take(Path set) {
		String name = set.getFileName().toString();
		Path work = null;
		try {
			work = Files.createTempDirectory(Files.createDirectories(settings.workRoot()), "roster-sync-");
			boolean zip = Files.isRegularFile(set);
			// A folder past the size limit is not copied: the import refuses it by its size unread.
			boolean tooLarge = !zip && RosterArchive.firstPastLimit(set, settings).isPresent();
			Path copy = zip ? Files.copy(set, work.resolve("drop.zip"))
					: tooLarge ? set : DropFolder.copyFiles(set, work.resolve(name));
			String sha256 = DropFolder.sha256(copy);
			if (imported(sha256)) {
				return;
			}
			UUID id = zip ? imports.importZip(STARTED_BY, copy, name) : imports.importFolder(STARTED_BY, copy, false, false);
			RosterImportView outcome = imports.find(id).orElseThrow();
			if (outcome.failedForNoFaultOfTheFiles()) {
				int failures = failedAgain(sha256, name, id);
				if (failures < TRIES) {
					log.warn("Roster sync could not import {} (import {}); it is tried again at the next run", name, id);
					return;
				}
				log.warn("Roster sync could not import {} (import {}) at {} tries; it is not tried again", name, id, failures);
			}
			transactions.executeWithoutResult(status -> {
				int recorded = jdbc.sql("""
						insert into directory.roster_sync_file (sha256, file_name, import_id, imported_at)
						values (?, ?, ?, ?) on conflict do nothing""")
					.params(sha256, name, id, Timestamp.from(clock.instant()))
					.update();
				if (recorded == 1 && outcome.rejected()) {
					events.publishEvent(new RosterSyncFailed(problemOf(outcome), name, id, clock.instant(),
							RosterImporter.GUARD_PERCENT, TRIES));
				}
			});
		}
		catch (IOException ex) {
			// A file that cannot be read now is tried again at the next run.
			log.warn("Roster sync could not read {}: {}", set, ex.getMessage());
		}
		finally {
			if (work != null) {
				delete(work);
			}
		}
	}

	/** @return how many times the set has failed so, this time included */
	private int failedAgain(String sha256, String name, UUID importId) {
		return jdbc.sql("""
				insert into directory.roster_sync_failure as f (sha256, file_name, failures, last_import_id, last_failed_at)
				values (?, ?, 1, ?, ?)
				on conflict (sha256) do update set file_name = excluded.file_name, failures = f.failures + 1,
				  last_import_id = excluded.last_import_id, last_failed_at = excluded.last_failed_at
				returning failures""")
			.params(sha256, name, importId, Timestamp.from(clock.instant()))
			.query(Integer.class)
			.single();
	}

	private boolean imported(String sha256) {
		return jdbc.sql("select exists (select 1 from directory.roster_sync_file where sha256 = ?)")
			.param(sha256)
			.query(Boolean.class)
			.single();
	}

	/** Stopped by the deactivation guard: counts but no errors, and nothing changed until confirmed. */
	private static RosterSyncFailed.Problem problemOf(RosterImportView outcome) {
		if (outcome.failedForNoFaultOfTheFiles()) {
			return RosterSyncFailed.Problem.FAILED;
		}
		return outcome.errors().isEmpty() && !outcome.counts().isEmpty() ? RosterSyncFailed.Problem.NEEDS_CONFIRMATION
				: RosterSyncFailed.Problem.REJECTED;
	}

	/** The administrators are told when the folder becomes unavailable, not again at every run. */
	private void folderUnavailable(Path folder, Exception ex) {
		log.warn("Roster sync could not read its drop folder {}: {}", folder, ex.getMessage());
		transactions.executeWithoutResult(status -> {
			String before = jdbc.sql("select last_problem from directory.roster_sync where id = 1 for update")
				.query(String.class)
				.optional()
				.orElse(null);
			jdbc.sql("update directory.roster_sync set last_problem = ? where id = 1")
				.param("imports.sync.problem.folder")
				.update();
			if (before == null) {
				events.publishEvent(new RosterSyncFailed(RosterSyncFailed.Problem.FOLDER_UNAVAILABLE,
						folder.toString(), null, clock.instant(), RosterImporter.GUARD_PERCENT, TRIES));
			}
		});
	}

	private static void delete(Path work) {
		try (Stream<Path> paths = Files.walk(work)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not remove the sync's working folder {}", work);
		}
	}

	/**
	 * The sync's settings and its last run, for the import page.
	 *
	 * @param lastProblem a message code for why the last run could not read the folder; null if it could
	 */
	record RosterSyncView(String folder, int everyMinutes, boolean enabled, Instant lastRunAt, String lastProblem,
			boolean runRequested) {

		/** When the next run is due; null when the sync is off, has not run yet or was asked to (then within a minute). */
		public Instant nextRunAt() {
			return enabled && lastRunAt != null && !runRequested ? lastRunAt.plus(Duration.ofMinutes(everyMinutes)) : null;
		}
	}
}
