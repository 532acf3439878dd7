package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other side that a message was posted, all within the posting transaction and so
 * only if it commits: open pages hear of it through PostgreSQL's NOTIFY (delivered at commit); and
 * {@link ConversationMessagePosted} goes to Modulith's registry, whose listeners run after commit,
 * among them the e-mail to guardians ({@link ConversationMailNotices}), which waits for the
 * message's translation into their language and so cannot be written in this transaction.
 */
@Component
class ConversationNotices {

	static final String CHANNEL = "homeroom_conversation";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ConversationNotices(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * A message from staff: open pages hear of it, and the guardians it was for are e-mailed after
	 * commit, in their language, by {@link ConversationMailNotices}.
	 */
	void staffWrote(ConversationStore.Row thread, UUID messageId, List<UUID> recipients) {
		posted(thread, messageId, "STAFF", recipients);
	}

	/** The thread changed without a message (it was closed): open pages and badges refresh. */
	void changed(ConversationStore.Row thread) {
		jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, thread.id().toString()).query((rs, row) -> 1).list();
	}

	/** A message from a family, or an automatic one: open pages and listeners hear of it. */
	void posted(ConversationStore.Row thread, UUID messageId, String side, List<UUID> recipients) {
		jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, thread.id().toString()).query((rs, row) -> 1).list();
		events.publishEvent(new ConversationMessagePosted(thread.id(), messageId, thread.studentId(), side, recipients));
	}
}
