package org.homeroom.messaging.conversations;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

import org.homeroom.platform.DatabaseNotifications;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
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
class ConversationEvents {

	private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

	ConversationEvents(DatabaseNotifications notifications) {
		notifications.on(ConversationNotices.CHANNEL, this::notified);
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

	private void notified(String conversationId) {
		UUID conversation = UUID.fromString(conversationId);
		listeners.stream()
			.filter(listener -> listener.conversationId() == null || listener.conversationId().equals(conversation))
			.forEach(this::send);
	}

	/**
	 * Streams end as the node starts to stop, before the web server waits for open requests, so
	 * that browsers open new ones on a node that is running and the shutdown is not held up.
	 */
	@EventListener(ContextClosedEvent.class)
	void completeStreams() {
		listeners.forEach(listener -> listener.emitter().complete());
	}

	private record Listener(UUID conversationId, Supplier<Long> count, SseEmitter emitter) {
	}
}
