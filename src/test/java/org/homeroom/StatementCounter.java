package org.homeroom;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements the current thread prepares while it does some work, through a wrapper
 * around the application's DataSource: JdbcClient, JPA and the directory's queries all pass through
 * it. Import {@link Wrapping} on the test class, then ask {@link #count(Runnable)}.
 */
public final class StatementCounter {

	private static final ThreadLocal<List<String>> COUNTING = new ThreadLocal<>();

	private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement");

	private StatementCounter() {
	}

	/** How many statements {@code work} sent to the database on this thread. */
	public static int count(Runnable work) {
		return statements(work).size();
	}

	/** The statements {@code work} prepared on this thread, as their SQL ({@code createStatement}: empty). */
	public static List<String> statements(Runnable work) {
		List<String> prepared = new ArrayList<>();
		COUNTING.set(prepared);
		try {
			work.run();
		}
		finally {
			COUNTING.remove();
		}
		return prepared;
	}

	/** Wraps the application's DataSource so that its statements can be counted. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Wrapping {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return bean instanceof DataSource dataSource && !(bean instanceof Counting) ? new Counting(dataSource) : bean;
				}
			};
		}
	}

	/** The pool, with each connection it lends counting the statements prepared on it. */
	static final class Counting extends DelegatingDataSource implements AutoCloseable {

		Counting(DataSource pool) {
			super(pool);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return counting(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return counting(super.getConnection(username, password));
		}

		/** The pool's own destroy method, which Spring now finds on this wrapper. */
		@Override
		public void close() throws Exception {
			if (getTargetDataSource() instanceof AutoCloseable pool) {
				pool.close();
			}
		}

		private static Connection counting(Connection connection) {
			return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
						List<String> prepared = COUNTING.get();
						if (prepared != null && STATEMENTS.contains(method.getName())) {
							prepared.add(arguments != null && arguments.length > 0 && arguments[0] instanceof String sql ? sql : "");
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}
	}
}
