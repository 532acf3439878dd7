package org.homeroom.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from binaries that ship on Maven Central, keeping its data in
 * {@code <data>/postgres} so that it survives restarts. Unlike the library's test defaults, it
 * is durable (fsync and synchronous commit on), keeps every file inside the data directory, and
 * is stopped by Spring rather than by a JVM shutdown hook that would race the application's own
 * shutdown.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static EmbeddedPostgresServer start(Path dataDirectory) {
		Path root = dataDirectory.toAbsolutePath().normalize();
		Path cluster = root.resolve("postgres");
		Path runtime = root.resolve("postgres-runtime");
		try {
			Files.createDirectories(cluster);
			Files.createDirectories(runtime);
			stopOrphanedServer(cluster);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(cluster)
				.setCleanDataDirectory(false)
				.setOverrideWorkingDirectory(runtime.toFile())
				.setRegisterShutdownHook(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("unix_socket_directories", runtime.toString())
				.start();
			log.info("Embedded PostgreSQL is running with its data in {}", cluster);
			return new EmbeddedPostgresServer(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + cluster, ex);
		}
	}

	String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}

	/**
	 * After the JVM was killed, its PostgreSQL child lives on and holds {@code postmaster.pid}, so
	 * every later start would fail. Stop such a server (it has no clients left) before starting.
	 */
	static void stopOrphanedServer(Path cluster) throws IOException {
		Path pidFile = cluster.resolve("postmaster.pid");
		if (!Files.isReadable(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
			.flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter(EmbeddedPostgresServer::isPostgres);
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle process = orphan.get();
		log.warn("Stopping an orphaned PostgreSQL (pid {}) left behind by an earlier run", process.pid());
		// SIGTERM is PostgreSQL's "smart" shutdown; no client is left, so it exits promptly.
		process.destroy();
		try {
			process.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The orphaned PostgreSQL (pid " + process.pid()
					+ ") did not stop; stop it by hand and start Homeroom again", ex);
		}
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map(command -> command.contains("postgres")).orElse(false);
	}
}
