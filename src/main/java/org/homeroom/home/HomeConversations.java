package org.homeroom.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.ConversationReads;
import org.homeroom.messaging.conversations.ConversationSummary;
import org.homeroom.messaging.conversations.RecentMessage;
import org.springframework.stereotype.Component;

/**
 * The conversations a home page starts from: for a family, each thread whose newest message from
 * staff it has not read yet; for staff, the families' replies waiting for an answer. Both come
 * from messaging's reads, which apply the access policy and write the access log.
 */
@Component
class HomeConversations {

	static final int LINES = 5;

	private final ConversationReads reads;

	HomeConversations(ConversationReads reads) {
		this.reads = reads;
	}

	List<ConversationLine> linesFor(Viewer viewer) {
		if (viewer.staff()) {
			return reads.list(viewer, "home.awaiting", null, null, true, 0, LINES).items().stream()
				.map(HomeConversations::awaiting).toList();
		}
		// Only a thread's newest message from a person counts: once the family has answered, nothing
		// there waits for it, and an automatic answer to the family's own message is no news.
		Map<UUID, RecentMessage> newest = new LinkedHashMap<>();
		for (RecentMessage message : reads.recentMessages(viewer, "home.feed", 50)) {
			if (!message.automatic()) {
				newest.putIfAbsent(message.conversationId(), message);
			}
		}
		return newest.values().stream().filter(message -> !message.read()).limit(LINES)
			.map(HomeConversations::unread).toList();
	}

	private static ConversationLine unread(RecentMessage message) {
		String with = message.authorRole() == null || message.authorRole().isBlank() ? message.authorName()
				: message.authorName() + ", " + message.authorRole();
		// The family's language version where one is stored; the line links to the thread, where the original is.
		boolean machine = "MACHINE".equals(message.translationKind());
		return new ConversationLine(message.conversationId(), message.studentName(), with,
				machine ? message.translatedBody() : message.body(), message.createdAt(),
				"/family/conversations/" + message.conversationId(), message.translationKind(), message.translatedFrom());
	}

	private static ConversationLine awaiting(ConversationSummary thread) {
		return new ConversationLine(thread.id(), thread.studentName(), String.join(", ", thread.guardians()), null,
				thread.lastActivityAt(), "/conversations/" + thread.id(), null, null);
	}
}
