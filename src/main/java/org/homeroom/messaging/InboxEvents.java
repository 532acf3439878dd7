package org.homeroom.messaging;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live inbox updates. A family's browser keeps an event stream open to whichever node it reached;
 * the message may have been delivered by another node. PostgreSQL's LISTEN/NOTIFY carries the news
 * between them, so no other server is needed: the delivering node notifies the guardian's id, and
 * every node sends the new unread count to the streams it holds for that guardian.
 */
@Component
public class InboxEvents implements SmartLifecycle {

	public static final String CHANNEL = "homeroom_inbox";

	private static final Logger log = LoggerFactory.getLogger(InboxEvents.class);

	private final DataSource dataSource;

	private final FamilyInbox inbox;

	private final Map<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();

	private volatile boolean running;

	private Thread thread;

	InboxEvents(DataSource dataSource, FamilyInbox inbox) {
		this.dataSource = dataSource;
		this.inbox = inbox;
	}

	/** A stream for a family acting for these guardians, told the unread count now and at each change. */
	SseEmitter subscribe(Set<UUID> guardianIds) {
		SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
		Listener listener = new Listener(guardianIds, emitter);
		guardianIds.forEach(guardian -> listeners.computeIfAbsent(guardian, key -> new CopyOnWriteArraySet<>()).add(listener));
		Runnable remove = () -> guardianIds.forEach(guardian -> {
			Set<Listener> set = listeners.get(guardian);
			if (set != null) {
				set.remove(listener);
			}
		});
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError(error -> remove.run());
		send(listener);
		return emitter;
	}

	private void send(Listener listener) {
		try {
			listener.emitter().send(SseEmitter.event().name("count").data(Long.toString(inbox.unread(listener.guardianIds()))));
		}
		catch (IOException | IllegalStateException ex) {
			listener.emitter().completeWithError(ex);
		}
	}

	@Override
	public void start() {
		running = true;
		thread = new Thread(this::listen, "inbox-events");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
		listeners.values().forEach(set -> set.forEach(listener -> listener.emitter().complete()));
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] notifications = postgres.getNotifications(5_000);
					if (notifications == null) {
						continue;
					}
					for (PGNotification notification : notifications) {
						Set<Listener> set = listeners.get(UUID.fromString(notification.getParameter()));
						if (set != null) {
							set.forEach(this::send);
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (running) {
					log.warn("Listening for inbox updates failed; listening again shortly", ex);
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

	private record Listener(Set<UUID> guardianIds, SseEmitter emitter) {
	}
}
