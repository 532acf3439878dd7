package org.homeroom.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from binaries that ship on Maven Central, keeping its data in
 * {@code <data>/postgres} so that it survives restarts. Unlike the library's test defaults, it
 * is durable (fsync and synchronous commit on), keeps every file inside the data directory, and
 * is stopped by Spring rather than by a JVM shutdown hook that would race the application's own
 * shutdown. It trusts no connection, local or not: each gives the password that
 * {@link EmbeddedPostgresPassword} keeps.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final String SUPERUSER = "postgres";

	/** Every connection, over TCP or the socket, must give the password; nothing is trusted. */
	private static final String PASSWORD_ONLY = """
			# Written by Homeroom: every connection gives the password kept in ../postgres-password.
			local   all   all                  scram-sha-256
			host    all   all   127.0.0.1/32   scram-sha-256
			host    all   all   ::1/128        scram-sha-256
			""";

	private final EmbeddedPostgres postgres;

	private final String password;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
		this.postgres = postgres;
		this.password = password;
	}

	static EmbeddedPostgresServer start(Path dataDirectory) {
		Path root = dataDirectory.toAbsolutePath().normalize();
		Path cluster = root.resolve("postgres");
		Path runtime = root.resolve("postgres-runtime");
		EmbeddedPostgresPassword passwordFile = new EmbeddedPostgresPassword(root);
		try {
			Files.createDirectories(cluster);
			Files.createDirectories(runtime);
			stopOrphanedServer(cluster);
			Optional<String> kept = passwordFile.read();
			String password;
			if (!Files.exists(cluster.resolve("postgresql.conf"))) {
				password = kept.orElseGet(EmbeddedPostgresPassword::generate);
				if (kept.isEmpty()) {
					passwordFile.write(password);
				}
			}
			else if (kept.isEmpty() || trustsAnyone(cluster)) {
				password = requirePassword(cluster, runtime, passwordFile, kept);
			}
			else {
				password = kept.get();
			}
			EmbeddedPostgres postgres = launch(cluster, runtime, password, passwordFile.file());
			ownerOnly(runtime);
			log.info("Embedded PostgreSQL is running with its data in {}; it asks for the password kept in {}", cluster,
					passwordFile.file());
			return new EmbeddedPostgresServer(postgres, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + cluster, ex);
		}
	}

	/**
	 * A new cluster is made with password authentication from the start: initdb reads the password
	 * from its file. The library passes its "locale" settings to initdb as {@code --name=value}
	 * after its own {@code -A trust}, so they are the way to override it.
	 */
	private static EmbeddedPostgres launch(Path cluster, Path runtime, String password, Path passwordFile)
			throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(cluster)
			.setCleanDataDirectory(false)
			.setOverrideWorkingDirectory(runtime.toFile())
			.setRegisterShutdownHook(false)
			.setLocaleConfig("auth", "scram-sha-256")
			.setLocaleConfig("pwfile", passwordFile.toString())
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("unix_socket_directories", runtime.toString())
			.setServerConfig("password_encryption", "scram-sha-256")
			.setConnectConfig("password", password)
			.start();
	}

	/**
	 * A cluster made by an older Homeroom trusts every local connection. Started once more as it
	 * is, it is given a password and told to ask for it; the password is kept before the rule
	 * changes, so a crash in between leaves a cluster that can still be opened.
	 */
	private static String requirePassword(Path cluster, Path runtime, EmbeddedPostgresPassword passwordFile,
			Optional<String> kept) throws IOException {
		String password = kept.orElseGet(EmbeddedPostgresPassword::generate);
		try (EmbeddedPostgres trusting = launch(cluster, runtime, password, passwordFile.file());
				Connection connection = trusting.getPostgresDatabase().getConnection()) {
			// Sent as a SCRAM verifier, so the password itself never reaches the server's log.
			connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not give the embedded PostgreSQL in " + cluster + " a password", ex);
		}
		if (kept.isEmpty()) {
			passwordFile.write(password);
		}
		Files.writeString(cluster.resolve("pg_hba.conf"), PASSWORD_ONLY, StandardCharsets.UTF_8);
		log.info("The embedded PostgreSQL in {} trusted every local connection; it now asks for a password", cluster);
		return password;
	}

	/**
	 * The server's socket and its binaries live in the runtime directory, which was left open to
	 * every local user: no one else may reach the one, nor swap the other for their own.
	 */
	private static void ownerOnly(Path directory) throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
		}
	}

	/** Whether any rule of the cluster's pg_hba.conf lets a connection in without a password. */
	private static boolean trustsAnyone(Path cluster) throws IOException {
		return Files.readAllLines(cluster.resolve("pg_hba.conf"), StandardCharsets.UTF_8)
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.anyMatch(line -> Arrays.asList(line.split("\\s+")).contains("trust"));
	}

	String jdbcUrl() {
		return postgres.getJdbcUrl(SUPERUSER, "postgres");
	}

	String username() {
		return SUPERUSER;
	}

	String password() {
		return password;
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
