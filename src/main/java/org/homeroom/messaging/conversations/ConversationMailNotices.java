package org.homeroom.messaging.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.MessagingSettings;
import org.homeroom.messaging.conversations.ConversationTranslations.Rendering;
import org.homeroom.messaging.delivery.InterpreterLines;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.shared.LanguageTag;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail that tells a guardian a member of staff wrote to them, carrying the message in the
 * guardian's language (issue 18): a machine translation says so first and quotes the original
 * below it; a message no engine could translate goes as written, with a line saying its language
 * and how to ask for an interpreter (the school office's phone when on record).
 * <p>Written after the post commits, off the request thread, because the translation may have to
 * be made now, and an engine is a network call that must not run inside a transaction (nor hold
 * the thread's row lock). {@link ConversationTranslations#in} waits for the translation the post's
 * own listener is making, or makes it, so each message and language is asked of an engine once for
 * the page, the text and the e-mail together. Each read is a statement of its own; the mail is
 * queued with its {@code conversation_mail_notice} row in one transaction, so the registry handing
 * the event over again after a restart sends nothing twice.
 */
@Component
class ConversationMailNotices {

	private final ConversationStore store;

	private final ConversationParties parties;

	private final Directory directory;

	private final ConversationTranslations translations;

	private final InterpreterLines interpreterLines;

	private final OutgoingMail mail;

	private final MessageSource words;

	private final MessagingSettings settings;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ConversationMailNotices(ConversationStore store, ConversationParties parties, Directory directory,
			ConversationTranslations translations, InterpreterLines interpreterLines, OutgoingMail mail, MessageSource words,
			MessagingSettings settings, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.parties = parties;
		this.directory = directory;
		this.translations = translations;
		this.interpreterLines = interpreterLines;
		this.mail = mail;
		this.words = words;
		this.settings = settings;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Each guardian the staff message was for who has a confirmed e-mail address hears of it in their language. */
	@Async
	@TransactionalEventListener
	void staffWrote(ConversationMessagePosted posted) {
		if (!ConversationAccess.STAFF.equals(posted.authorSide()) || posted.guardianIds().isEmpty()) {
			return;
		}
		Optional<ConversationStore.Row> thread = store.find(posted.conversationId());
		Optional<ConversationStore.MessageRow> message = thread.flatMap(row -> store.message(row.id(), posted.messageId()));
		if (message.isEmpty()) {
			return;
		}
		// Named as the family knows the child: the name their own view of the directory gives.
		String child = directory.visibleStudentNames(Viewer.guardian(posted.guardianIds().get(0)), List.of(posted.studentId()))
			.getOrDefault(posted.studentId(), "").split(" ")[0];
		for (UUID guardian : posted.guardianIds()) {
			parties.guardian(guardian).filter(card -> card.email() != null)
				.ifPresent(card -> notify(card, thread.get(), message.get(), child));
		}
	}

	private void notify(ConversationParties.GuardianCard card, ConversationStore.Row thread,
			ConversationStore.MessageRow message, String child) {
		if (sent(message.id(), card.id())) {
			return;
		}
		String language = card.preferredLanguage() == null || card.preferredLanguage().isBlank() ? "en"
				: card.preferredLanguage();
		Locale locale = Locale.forLanguageTag(language);
		Optional<Rendering> rendering = translations.in(message.id(), LanguageTag.of(language).language());
		String subject = words.getMessage("conversations.mail.subject", new Object[] { message.authorName(), child },
				locale);
		String text = words.getMessage("conversations.mail.body", new Object[] { card.name(), message.authorName(), child,
				shown(message.body(), rendering, thread.schoolId(), locale), settings.publicUrl() + "/family/conversations/"
						+ thread.id() },
				locale);
		transactions.executeWithoutResult(status -> {
			boolean first = jdbc.sql("""
					insert into messaging.conversation_mail_notice (message_id, guardian_id, queued_at)
					select :message, :guardian, :at where exists (select 1 from messaging.conversation_message where id = :message)
					on conflict do nothing""")
				.param("message", message.id()).param("guardian", card.id()).param("at", Timestamp.from(clock.instant()))
				.update() == 1;
			if (first) {
				mail.send(card.email(), subject, text);
			}
		});
	}

	/**
	 * The message as this guardian reads it: the translation under its label with the original
	 * quoted below; the original with the line on its language and on asking for an interpreter;
	 * or the original alone when it is in their language already.
	 */
	private String shown(String original, Optional<Rendering> rendering, UUID schoolId, Locale locale) {
		if (rendering.filter(Rendering::machine).isPresent()) {
			String from = languageName(rendering.get().sourceLanguage(), locale);
			return words.getMessage("conversations.mail.machine", new Object[] { from }, locale) + "\n\n"
					+ rendering.get().body() + "\n\n--\n" + words.getMessage("conversations.mail.original", new Object[] { from },
							locale)
					+ "\n> " + original.replaceAll("\\R", "\n> ");
		}
		if (rendering.filter(Rendering::untranslated).isPresent()) {
			String from = languageName(rendering.get().sourceLanguage(), locale);
			return original + "\n\n" + words.getMessage("conversations.translation.untranslated", new Object[] { from }, locale)
					+ " " + interpreterLines.forConversation(locale.toLanguageTag(), schoolId);
		}
		return original;
	}

	private boolean sent(UUID messageId, UUID guardianId) {
		return jdbc.sql("select exists (select 1 from messaging.conversation_mail_notice where message_id = ? and guardian_id = ?)")
			.params(messageId, guardianId).query(Boolean.class).single();
	}

	private static String languageName(String tag, Locale reader) {
		String name = Locale.forLanguageTag(tag).getDisplayLanguage(reader);
		return name.isEmpty() ? tag : name;
	}
}
