package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.messaging.MessagingSettings;
import org.homeroom.platform.OutgoingMail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other side that a message was posted, all within the posting transaction and so
 * only if it commits: a guardian gets an e-mail in their language through the outgoing mail queue
 * (sent after commit, off the request thread); open pages hear of it through PostgreSQL's NOTIFY
 * (delivered at commit); and {@link ConversationMessagePosted} goes to Modulith's registry, whose
 * listeners run after commit.
 */
@Component
class ConversationNotices {

	static final String CHANNEL = "homeroom_conversation";

	private final ConversationParties parties;

	private final OutgoingMail mail;

	private final MessageSource words;

	private final MessagingSettings settings;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ConversationNotices(ConversationParties parties, OutgoingMail mail, MessageSource words, MessagingSettings settings,
			JdbcClient jdbc, ApplicationEventPublisher events) {
		this.parties = parties;
		this.mail = mail;
		this.words = words;
		this.settings = settings;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** A message from staff: each guardian who may be written to hears of it, by e-mail where they have one confirmed. */
	void staffWrote(ConversationStore.Row thread, UUID messageId, String authorName, String studentGivenName,
			String body, List<UUID> recipients) {
		for (UUID guardian : recipients) {
			parties.guardian(guardian).filter(card -> card.email() != null).ifPresent(card -> {
				Locale locale = Locale.forLanguageTag(card.preferredLanguage());
				String subject = words.getMessage("conversations.mail.subject", new Object[] { authorName, studentGivenName },
						locale);
				String text = words.getMessage("conversations.mail.body", new Object[] { card.name(), authorName,
						studentGivenName, body, settings.publicUrl() + "/family/conversations/" + thread.id() }, locale);
				mail.send(card.email(), subject, text);
			});
		}
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
