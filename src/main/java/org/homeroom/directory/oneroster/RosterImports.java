package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipException;

import jakarta.annotation.PreDestroy;
import org.homeroom.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * OneRoster imports for district administrators: one is started from an upload and runs in the
 * background, so that a large district's import does not hold a request open; its record (in
 * {@code directory.roster_import}) shows it running, then what it did or why it was rejected.
 */
@Service
public class RosterImports {

	public static final int PAGE_SIZE = 20;

	private static final Logger log = LoggerFactory.getLogger(RosterImports.class);

	private static final TypeReference<Map<String, ImportCounts>> COUNTS = new TypeReference<>() {
	};

	private static final TypeReference<List<Issue>> ISSUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final RosterImporter importer;

	private final Clock clock;

	private final JsonMapper json;

	private final MessageSource messages;

	private final RosterImportSettings settings;

	private final ImportHeartbeat heartbeat;

	/**
	 * One import at a time per node; the importer's advisory lock orders them across nodes. A
	 * thread of its own rather than the shared task executor, so that a long import never delays
	 * the event listeners that run there.
	 */
	private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "roster-import");
		thread.setDaemon(true);
		return thread;
	});

	RosterImports(JdbcClient jdbc, RosterImporter importer, Clock clock, JsonMapper json, MessageSource messages,
			RosterImportSettings settings, ImportHeartbeat heartbeat) {
		this.jdbc = jdbc;
		this.importer = importer;
		this.clock = clock;
		this.json = json;
		this.messages = messages;
		this.settings = settings;
		this.heartbeat = heartbeat;
	}

	/**
	 * Starts importing a zip: it is copied aside at once (the upload is gone after the request)
	 * and imported in the background.
	 *
	 * @return the import's id, to follow it with {@link #find}
	 */
	public UUID start(Authentication caller, InputStream zip, String sourceName, boolean dryRun, boolean force) {
		requireDistrictAdmin(caller);
		Path work;
		try {
			work = workingFolder();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the upload for the import", ex);
		}
		try {
			Path upload = work.resolve("upload.zip");
			Files.copy(zip, upload);
			UUID id = record(caller.getName(), sourceName, dryRun, force);
			runner.submit(() -> runZip(id, work, upload, sourceName, dryRun, force));
			return id;
		}
		catch (IOException ex) {
			delete(work);
			throw new UncheckedIOException("Could not keep the upload for the import", ex);
		}
		catch (RuntimeException ex) {
			delete(work);
			throw ex;
		}
	}

	/** A folder of the import's own, removed when it ends, whatever its end. */
	Path workingFolder() throws IOException {
		return Files.createTempDirectory(Files.createDirectories(settings.workRoot()), "oneroster-");
	}

	/** Imports a folder of OneRoster files, there and then (drop folders, tests, benchmarks). */
	public UUID importFolder(String startedBy, Path folder, boolean dryRun, boolean force) {
		String name = folder.getFileName().toString();
		UUID id = record(startedBy, name, dryRun, force);
		try {
			Optional<Path> past = RosterArchive.firstPastLimit(folder, settings);
			if (past.isPresent()) {
				finish(id, tooLarge(id, Issue.of(past.get().getFileName().toString(), null, null, "set-too-large",
						List.of(settings.maxUnpackedSizeText(), name))));
				return id;
			}
		}
		catch (IOException ex) {
			fail(id, ex);
			return id;
		}
		run(id, folder, dryRun, force);
		return id;
	}

	/**
	 * Imports a zip there and then (drop folders). The zip is taken: it is moved into the import's
	 * working folder and removed with it. A file that is not a zip is recorded as a rejected
	 * import, as an upload would be.
	 */
	public UUID importZip(String startedBy, Path zip, String sourceName) {
		UUID id = record(startedBy, sourceName, false, false);
		Path work;
		try {
			work = workingFolder();
		}
		catch (IOException ex) {
			fail(id, ex);
			return id;
		}
		try {
			Files.move(zip, work.resolve("upload.zip"));
		}
		catch (IOException ex) {
			delete(work);
			fail(id, ex);
			return id;
		}
		runZip(id, work, work.resolve("upload.zip"), sourceName, false, false);
		return id;
	}

	public Optional<RosterImportView> find(Authentication caller, UUID id) {
		requireDistrictAdmin(caller);
		return find(id);
	}

	Optional<RosterImportView> find(UUID id) {
		return jdbc.sql("select * from directory.roster_import where id = ?").param(id).query(this::view).optional();
	}

	public RosterImportView.Page history(Authentication caller, int page) {
		requireDistrictAdmin(caller);
		int from = Math.max(page, 0);
		long total = jdbc.sql("select count(*) from directory.roster_import").query(Long.class).single();
		List<RosterImportView> items = jdbc.sql("""
				select * from directory.roster_import order by started_at desc, id limit ? offset ?""")
			.params(PAGE_SIZE, (long) from * PAGE_SIZE)
			.query(this::view)
			.list();
		return new RosterImportView.Page(items, from, PAGE_SIZE, total);
	}

	/** Imports are for district administrators: they change every school's records. */
	static void requireDistrictAdmin(Authentication caller) {
		if (caller == null || !Directory.rolesOf(caller).contains("DISTRICT_ADMIN")) {
			throw new AccessDeniedException("OneRoster imports are for district administrators");
		}
	}

	/**
	 * Unpacks and imports a zip kept in {@code work}, and removes {@code work} afterwards. Whatever
	 * ends the import, an error of the JVM's included (a zip bomb's usual end is an
	 * {@link OutOfMemoryError}), ends its record too: nothing stays RUNNING for ever.
	 */
	private void runZip(UUID id, Path work, Path zip, String sourceName, boolean dryRun, boolean force) {
		try {
			Path folder = Files.createDirectory(work.resolve("files"));
			try {
				RosterArchive.unpack(zip, folder, sourceName, settings);
			}
			catch (ZipException ex) {
				finish(id, notARosterZip(id, sourceName, ex));
				return;
			}
			Files.deleteIfExists(zip);
			run(id, folder, dryRun, force);
		}
		catch (Throwable ex) {
			fail(id, ex);
		}
		finally {
			delete(work);
		}
	}

	private RosterImporter.Outcome notARosterZip(UUID id, String sourceName, ZipException ex) {
		Issue issue = unreadable(sourceName, ex);
		return issue.code().equals(Issue.CODE_PREFIX + RosterArchive.UNPACKED_TOO_LARGE) ? tooLarge(id, issue)
				: new RosterImporter.Outcome(true, Map.of(), List.of(), List.of(issue), List.of(),
						"The upload is not a OneRoster zip; nothing was changed");
	}

	/**
	 * A set past the size limit: the reason names the file and the limit, and whoever runs the
	 * server hears of it too, since it is a broken export or someone trying the disk.
	 */
	private RosterImporter.Outcome tooLarge(UUID id, Issue issue) {
		String reason = issue.inEnglish(messages) + ". Nothing was changed";
		log.warn("OneRoster import {} rejected: {}", id, reason);
		return new RosterImporter.Outcome(true, Map.of(), List.of(), List.of(issue), List.of(), reason);
	}

	/** A damaged zip's own words, from the JDK, are in English whatever the reader's language. */
	private static Issue unreadable(String sourceName, ZipException ex) {
		return ex instanceof RosterArchive.NotARosterZip notARosterZip ? notARosterZip.issue(sourceName)
				: Issue.of(sourceName, null, null, "damaged-zip", List.of(String.valueOf(ex.getMessage())));
	}

	private void run(UUID id, Path folder, boolean dryRun, boolean force) {
		try {
			finish(id, importer.run(folder, dryRun, force, phase -> heartbeat.reached(id, phase)));
		}
		catch (Throwable ex) {
			fail(id, ex);
		}
	}

	private UUID record(String startedBy, String sourceName, boolean dryRun, boolean force) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into directory.roster_import (id, started_at, heartbeat_at, status, dry_run, forced, source_name, started_by)
				values (?, ?, ?, 'RUNNING', ?, ?, ?, ?)""")
			.params(id, now, now, dryRun, force, sourceName == null ? "" : sourceName, startedBy)
			.update();
		heartbeat.started(id);
		return id;
	}

	private void finish(UUID id, RosterImporter.Outcome outcome) {
		heartbeat.ended(id);
		jdbc.sql("""
				update directory.roster_import set finished_at = :at, status = :status, counts = cast(:counts as jsonb),
				  warnings = cast(:warnings as jsonb), errors = cast(:errors as jsonb), conflicts = cast(:conflicts as jsonb),
				  reason = :reason
				where id = :id""")
			.param("at", Timestamp.from(clock.instant()))
			.param("status", outcome.rejected() ? "REJECTED" : "COMPLETED")
			.param("counts", json.writeValueAsString(outcome.counts()))
			.param("warnings", json.writeValueAsString(outcome.warnings()))
			.param("errors", json.writeValueAsString(outcome.errors()))
			.param("conflicts", json.writeValueAsString(outcome.conflicts()))
			.param("reason", outcome.reason())
			.param("id", id)
			.update();
	}

	/**
	 * Something no file check foresaw: the record says so; the details go to the log only. If even
	 * the record cannot be written, the import is no longer this node's running one, and the
	 * sweep closes it as interrupted once its heartbeat is stale.
	 */
	private void fail(UUID id, Throwable ex) {
		heartbeat.ended(id);
		log.error("OneRoster import {} failed", id, ex);
		try {
			finish(id, new RosterImporter.Outcome(true, Map.of(), List.of(), List.of(), List.of(),
					"The import failed unexpectedly; nothing was changed. The server log has the details"));
		}
		catch (Throwable recording) {
			log.error("Could not record that OneRoster import {} failed; it is shown as interrupted within {}", id,
					ImportHeartbeat.INTERRUPTED_AFTER, recording);
		}
	}

	private RosterImportView view(ResultSet rs, int row) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new RosterImportView(rs.getObject("id", UUID.class), rs.getString("status"), rs.getBoolean("dry_run"),
				rs.getBoolean("forced"), rs.getString("source_name"), rs.getString("started_by"),
				rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
				json.readValue(rs.getString("counts"), COUNTS), issues(rs.getString("warnings")),
				issues(rs.getString("errors")), issues(rs.getString("conflicts")),
				rs.getString("reason"), rs.getString("phase"));
	}

	/**
	 * Issues as stored, with their English words rendered now rather than kept: the record holds
	 * each issue's key and values, so that a page renders it in its reader's language and a
	 * corrected English text reaches past imports too.
	 */
	private List<Issue> issues(String stored) {
		return json.readValue(stored, ISSUES).stream().map(issue -> issue.inEnglish(messages)).toList();
	}

	private static void delete(Path work) {
		try (Stream<Path> paths = Files.walk(work)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not remove the import's working folder {}", work);
		}
	}

	@PreDestroy
	void stop() {
		runner.shutdownNow();
	}
}
