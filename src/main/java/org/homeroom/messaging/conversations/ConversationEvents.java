package org.homeroom.messaging.conversations;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live conversation updates, built as the inbox's are: the node that stores a message NOTIFYs the
 * thread's id at commit, and every node tells the streams it holds. A thread page's stream counts
 * the thread's messages, so that the page fetches them again when a new one arrives; a staff
 * member's badge stream counts their unanswered threads. Each stream is told its count again on
 * every conversation message anywhere: one small query per open stream, which is fine for a
 * district's staff; a busier district would key the badge streams by staff id.
 */
@Component
class ConversationEvents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConversationEvents.class);

	private final DataSource dataSource;

	private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

	private volatile boolean running;

	private Thread thread;

	ConversationEvents(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * A stream told {@code count} now and after each new message (of {@code conversationId}, or of
	 * any thread when it is null); the count is taken again each time.
	 */
	SseEmitter subscribe(UUID conversationId, Supplier<Long> count) {
		SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
		Listener listener = new Listener(conversationId, count, emitter);
		listeners.add(listener);
		emitter.onCompletion(() -> listeners.remove(listener));
		emitter.onTimeout(() -> listeners.remove(listener));
		emitter.onError(error -> listeners.remove(listener));
		send(listener);
		return emitter;
	}

	private void send(Listener listener) {
		try {
			listener.emitter().send(SseEmitter.event().name("count").data(Long.toString(listener.count().get())));
		}
		catch (IOException | RuntimeException ex) {
			listener.emitter().completeWithError(ex);
		}
	}

	@Override
	public void start() {
		running = true;
		thread = new Thread(this::listen, "conversation-events");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
		listeners.forEach(listener -> listener.emitter().complete());
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + ConversationNotices.CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] notifications = postgres.getNotifications(5_000);
					if (notifications == null) {
						continue;
					}
					for (PGNotification notification : notifications) {
						UUID conversation = UUID.fromString(notification.getParameter());
						listeners.stream()
							.filter(listener -> listener.conversationId() == null || listener.conversationId().equals(conversation))
							.forEach(this::send);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (running) {
					log.warn("Listening for conversation updates failed; listening again shortly", ex);
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

	private record Listener(UUID conversationId, Supplier<Long> count, SseEmitter emitter) {
	}
}
