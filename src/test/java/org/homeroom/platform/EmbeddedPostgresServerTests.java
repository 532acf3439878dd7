package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL that {@code ./mvnw spring-boot:run} uses, in a data directory of its own,
 * open only to those who give the password kept there.
 */
class EmbeddedPostgresServerTests {

	@TempDir
	Path data;

	@Test
	void dataAndPasswordSurviveARestart() throws Exception {
		String password;
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
			execute(server, "create table kept (note text)", "insert into kept values ('still here')");
			password = server.password();
		}

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
			assertThat(queryOne(server, "select note from kept")).isEqualTo("still here");
			assertThat(server.password()).isEqualTo(password);
		}
	}

	@Test
	void aNewServerLetsInOnlyThoseWhoGiveThePasswordKeptForItsOwnerAlone() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
			Path kept = data.resolve(EmbeddedPostgresPassword.FILE_NAME);
			assertThat(Files.readString(kept).strip()).isEqualTo(server.password()).hasSizeGreaterThanOrEqualTo(40);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");

			assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()).close())
				.as("no password").isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "guessed").close())
				.as("a wrong password").isInstanceOf(SQLException.class);
			assertThat(queryOne(server, "select count(*) from pg_hba_file_rules where auth_method = 'trust'"))
				.as("no rule trusts a connection, over TCP or the local socket").isEqualTo("0");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres-runtime"))))
				.as("the socket and the binaries out of everyone else's reach").isEqualTo("rwx------");
		}
	}

	@Test
	void aDataDirectoryFromAnOlderVersionThatTrustedEveryoneNowAsksForAPassword() throws Exception {
		// As Homeroom made it before: the library's defaults, which trust every local connection.
		try (EmbeddedPostgres older = EmbeddedPostgres.builder()
			.setDataDirectory(data.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start(); Connection connection = DriverManager.getConnection(older.getJdbcUrl("postgres", "postgres"));
				Statement statement = connection.createStatement()) {
			statement.execute("create table from_before (note text)");
			statement.execute("insert into from_before values ('kept')");
		}

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
			assertThat(queryOne(server, "select note from from_before")).isEqualTo("kept");
			assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()).close())
				.as("no password").isInstanceOf(SQLException.class);
			Path kept = data.resolve(EmbeddedPostgresPassword.FILE_NAME);
			assertThat(Files.readString(kept).strip()).isEqualTo(server.password());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
		}

		try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data)) {
			assertThat(queryOne(restarted, "select note from from_before")).isEqualTo("kept");
		}
	}

	@Test
	void itIsDurableAndKeepsItsFilesInTheDataDirectory() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
			assertThat(queryOne(server, "show fsync")).isEqualTo("on");
			assertThat(queryOne(server, "show synchronous_commit")).isEqualTo("on");
			assertThat(queryOne(server, "show unix_socket_directories")).startsWith(data.toAbsolutePath().toString());
		}
		assertThat(data.resolve("postgres/PG_VERSION")).exists();
	}

	@Test
	void aServerOrphanedByAKilledJvmIsStoppedBeforeStarting() throws Exception {
		// A separate JVM starts the server and is killed with SIGKILL, as by kill -9: its
		// PostgreSQL lives on as an orphan holding postmaster.pid.
		Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), CrashingApplication.class.getName(), data.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
			String line;
			while ((line = output.readLine()) != null && !line.equals(CrashingApplication.READY)) {
				// wait until the server is up and has data
			}
		}
		jvm.destroyForcibly().waitFor();
		long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
		assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

		try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data)) {
			assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
			assertThat(queryOne(restarted, "select note from before_the_crash")).isEqualTo("committed");
		}
	}

	/** Starts the embedded server, commits a row, says so, and waits to be killed. */
	static class CrashingApplication {

		static final String READY = "ready to be killed";

		public static void main(String[] args) throws Exception {
			EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
			execute(server, "create table before_the_crash (note text)", "insert into before_the_crash values ('committed')");
			System.out.println(READY);
			System.out.flush();
			Thread.sleep(Long.MAX_VALUE);
		}
	}

	private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
		try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
	}

	private static String queryOne(EmbeddedPostgresServer server, String sql) throws SQLException {
		try (Connection connection = connect(server);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}
}
