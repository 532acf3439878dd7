package org.homeroom.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's LISTEN/NOTIFY, heard once per node: one connection listens on every channel a module
 * asked for and hands each notification's payload to that channel's handlers. It is how news
 * crosses nodes (a message delivered by one node reaches the page a family holds open on another)
 * without a server besides PostgreSQL. Handlers are registered while the application starts, from
 * their beans' constructors, and run on the listening thread, so they must be quick.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);

	private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final DataSource dataSource;

	private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

	private volatile boolean running;

	private Thread thread;

	DatabaseNotifications(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Calls {@code handler} with the payload of every notification on {@code channel}, from any node. */
	public void on(String channel, Consumer<String> handler) {
		if (!CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException("Not a plain channel name: " + channel);
		}
		if (running) {
			throw new IllegalStateException("Handlers are registered before the application starts listening");
		}
		handlers.computeIfAbsent(channel, key -> new CopyOnWriteArrayList<>()).add(handler);
	}

	@Override
	public void start() {
		running = true;
		thread = new Thread(this::listen, "database-notifications");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					for (String channel : handlers.keySet()) {
						statement.execute("listen " + channel);
					}
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] notifications = postgres.getNotifications(5_000);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							dispatch(notification);
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (running) {
					log.warn("Listening for database notifications failed; listening again shortly", ex);
					try {
						Thread.sleep(2_000);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	private void dispatch(PGNotification notification) {
		for (Consumer<String> handler : handlers.getOrDefault(notification.getName(), List.of())) {
			try {
				handler.accept(notification.getParameter());
			}
			catch (RuntimeException ex) {
				log.warn("A handler of channel {} failed", notification.getName(), ex);
			}
		}
	}
}
