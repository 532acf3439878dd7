package org.homeroom.messaging;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.homeroom.platform.DatabaseNotifications;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live inbox updates. A family's browser keeps an event stream open to whichever node it reached;
 * the message may have been delivered by another node. The delivering node notifies the guardian's
 * id ({@link DatabaseNotifications}), and every node sends the new unread count to the streams it
 * holds for that guardian.
 */
@Component
public class InboxEvents {

	public static final String CHANNEL = "homeroom_inbox";

	private final FamilyInbox inbox;

	private final Map<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();

	InboxEvents(DatabaseNotifications notifications, FamilyInbox inbox) {
		this.inbox = inbox;
		notifications.on(CHANNEL, this::notified);
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

	private void notified(String guardianId) {
		Set<Listener> set = listeners.get(UUID.fromString(guardianId));
		if (set != null) {
			set.forEach(this::send);
		}
	}

	/**
	 * Streams end as the node starts to stop, before the web server waits for open requests, so
	 * that browsers open new ones on a node that is running and the shutdown is not held up.
	 */
	@EventListener(ContextClosedEvent.class)
	void completeStreams() {
		listeners.values().forEach(set -> set.forEach(listener -> listener.emitter().complete()));
	}

	private record Listener(Set<UUID> guardianIds, SseEmitter emitter) {
	}
}
