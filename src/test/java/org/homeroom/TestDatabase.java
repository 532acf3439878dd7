package org.homeroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.homeroom.platform.PlatformEnvironmentDefaults;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives every Spring test context a fresh, empty database of its own, on one PostgreSQL server per
 * JVM: the embedded one by default, or the server named by {@code HOMEROOM_TEST_DB_URL} (with
 * {@code HOMEROOM_TEST_DB_USER} and {@code HOMEROOM_TEST_DB_PASSWORD}), so that CI runs the same
 * integration tests against a real PostgreSQL installation.
 * <p>
 * The server is let go only after the last context on it has closed: the embedded one is stopped,
 * and the databases made on an external one are dropped. Left to a JVM shutdown hook of its own,
 * that would race Spring closing the contexts, and the event publication registry would then wait
 * 30 s for a connection to a database that is gone.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static Server server;

	private static int openContexts;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Server current = server();
		String name = "homeroom_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
		current.create(name);
		releaseWhenClosed(context);
		TestPropertyValues
			.of("homeroom.platform.database.url=" + current.urlOf(name),
					"homeroom.platform.database.username=" + current.user(),
					"homeroom.platform.database.password=" + current.password())
			.applyTo(context);
		// The defaults that follow from the database (demo mode off for an external one) were
		// worked out before this initializer ran; work them out again, as a real start would.
		context.getEnvironment().getPropertySources().remove(PlatformEnvironmentDefaults.SOURCE_NAME);
		new PlatformEnvironmentDefaults().postProcessEnvironment(context.getEnvironment(), null);
	}

	/** Whether the tests run against an external server rather than the embedded one. */
	public static boolean external() {
		String url = System.getenv("HOMEROOM_TEST_DB_URL");
		return url != null && !url.isBlank();
	}

	/** Registered before any of the context's beans, so that it is destroyed after all of them. */
	private static synchronized void releaseWhenClosed(ConfigurableApplicationContext context) {
		openContexts++;
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("testDatabaseRelease",
				TestDatabase::contextClosed);
	}

	private static synchronized void contextClosed() {
		openContexts--;
		if (openContexts == 0 && server != null) {
			server.close();
			server = null;
		}
	}

	private static synchronized Server server() {
		if (server == null) {
			server = external() ? Server.external() : Server.embedded();
		}
		return server;
	}

	private record Server(String url, String user, String password, EmbeddedPostgres postgres, List<String> made) {

		static Server embedded() {
			try {
				// Spring keeps up to 32 test contexts, each with a pool of 10 connections and a listening
				// one: more than the embedded server's default of 300.
				EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
					.setServerConfig("max_connections", "600").start();
				return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres, List.of());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", ex);
			}
		}

		static Server external() {
			String user = System.getenv().getOrDefault("HOMEROOM_TEST_DB_USER", "postgres");
			String password = System.getenv().getOrDefault("HOMEROOM_TEST_DB_PASSWORD", "");
			return new Server(System.getenv("HOMEROOM_TEST_DB_URL"), user, password, null, new CopyOnWriteArrayList<>());
		}

		String urlOf(String database) {
			Matcher matcher = JDBC_URL.matcher(url);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
			}
			return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
		}

		void create(String database) {
			execute("create database " + database);
			if (postgres == null) {
				made.add(database);
			}
		}

		void close() {
			if (postgres != null) {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not stop the embedded PostgreSQL for tests", ex);
				}
			}
			made.forEach(database -> execute("drop database if exists " + database + " with (force)"));
		}

		private void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(url, user, password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Test database set-up failed: " + sql, ex);
			}
		}
	}
}
