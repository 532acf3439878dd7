package org.homeroom.messaging.textreplies;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.Audiences;
import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.GuardianPhones;
import org.homeroom.messaging.conversations.ConversationMessagePosted;
import org.homeroom.messaging.conversations.ConversationReads;
import org.homeroom.messaging.conversations.ConversationTranslations;
import org.homeroom.messaging.conversations.ConversationTranslations.Rendering;
import org.homeroom.messaging.conversations.PostedMessage;
import org.homeroom.messaging.delivery.InterpreterLines;
import org.homeroom.messaging.sms.SmsOptOuts;
import org.homeroom.messaging.sms.SmsOutbox;
import org.homeroom.messaging.sms.SmsSettings;
import org.homeroom.platform.DemoSettings;
import org.homeroom.translation.CuratedTexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Texts a staff member's message to each guardian it was for who reads SMS: one with a phone in
 * use that has not opted out, who chose SMS or has no e-mail address to be told at, while SMS is
 * configured (or demo mode keeps texts in the development outbox). Whether the guardian may still
 * be contacted about the student is asked again here, since the text goes after the post; the
 * outbox asks about the opt-out again just before the text leaves. The text is in the guardian's
 * preferred language, labelled as machine-translated, or the original with a line naming its
 * language and how to ask for an interpreter when no engine could translate it
 * ({@link ConversationTranslations}, {@link InterpreterLines}).
 * <p>The automatic answer outside office hours goes the same way to the guardian who wrote, and in
 * any case back to the number their message came from when it came by SMS (a family that texts
 * reads texts, whatever else it chose), unless that number opted out. It is already in the
 * guardian's language, and goes as it is.
 */
@Component
class StaffMessageTexts {

	static final String PURPOSE = "CONVERSATION";

	static final String AUTOMATIC_ANSWER = "AUTOMATIC_ANSWER";

	/** Room left in a text for the author's name and the closing line. */
	private static final int MOST_OF_BODY = SmsOutbox.MAX_BODY - 400;

	private final ConversationReads reads;

	private final Audiences audiences;

	private final GuardianPhones phones;

	private final ConversationParties parties;

	private final SmsOptOuts optOuts;

	private final SmsOutbox outbox;

	private final SmsSettings sms;

	private final DemoSettings demo;

	private final CuratedTexts words;

	private final JdbcClient jdbc;

	private final ConversationTranslations translations;

	private final InterpreterLines interpreterLines;

	StaffMessageTexts(ConversationReads reads, Audiences audiences, GuardianPhones phones, ConversationParties parties,
			SmsOptOuts optOuts, SmsOutbox outbox, SmsSettings sms, DemoSettings demo, CuratedTexts words, JdbcClient jdbc,
			ConversationTranslations translations, InterpreterLines interpreterLines) {
		this.translations = translations;
		this.interpreterLines = interpreterLines;
		this.reads = reads;
		this.audiences = audiences;
		this.phones = phones;
		this.parties = parties;
		this.optOuts = optOuts;
		this.outbox = outbox;
		this.sms = sms;
		this.demo = demo;
		this.words = words;
		this.jdbc = jdbc;
	}

	/**
	 * Not an application-module listener: it must not run inside a transaction, since it waits for
	 * (or makes) the message's translation into each guardian's language, a network call. Each read
	 * and the outbox's insert are statements of their own; the registry still hands the event over
	 * again after a restart, and {@link #queued} keeps a text from going twice.
	 */
	@Async
	@TransactionalEventListener
	void staffWrote(ConversationMessagePosted posted) {
		if (!"STAFF".equals(posted.authorSide()) || posted.guardianIds().isEmpty() || !(sms.configured() || demo.enabled())) {
			return;
		}
		Optional<PostedMessage> message = reads.posted(posted.conversationId(), posted.messageId());
		if (message.isEmpty()) {
			return;
		}
		List<UUID> contactable = audiences.guardiansToContactAbout(posted.studentId());
		Map<UUID, List<String>> numbers = phones.phonesOf(posted.guardianIds());
		Set<String> optedOut = optOuts.optedOutNumbers(numbers.values().stream().flatMap(List::stream).toList());
		for (UUID guardian : posted.guardianIds()) {
			Optional<String> number = numbers.getOrDefault(guardian, List.of()).stream()
				.filter(phone -> !optedOut.contains(phone)).findFirst();
			if (!contactable.contains(guardian) || number.isEmpty()) {
				continue;
			}
			parties.guardian(guardian)
				.filter(card -> card.email() == null || phones.prefersSms(guardian))
				.ifPresent(card -> text(posted, message.get(), guardian, number.get(), card.preferredLanguage()));
		}
	}

	@ApplicationModuleListener
	void answeredAutomatically(ConversationMessagePosted posted) {
		if (!"SYSTEM".equals(posted.authorSide()) || posted.guardianIds().size() != 1 || !(sms.configured() || demo.enabled())) {
			return;
		}
		Optional<PostedMessage> answer = reads.posted(posted.conversationId(), posted.messageId());
		UUID guardian = posted.guardianIds().get(0);
		if (answer.isEmpty() || !audiences.guardiansToContactAbout(posted.studentId()).contains(guardian)
				|| queued(AUTOMATIC_ANSWER, posted.messageId() + "/" + guardian)) {
			return;
		}
		Optional<String> number = textedFrom(posted.conversationId(), guardian, answer.get().createdAt())
			.filter(phone -> !optOuts.optedOut(phone))
			.or(() -> {
				List<String> theirs = phones.phonesOf(List.of(guardian)).getOrDefault(guardian, List.of());
				Set<String> optedOut = optOuts.optedOutNumbers(theirs);
				return theirs.stream().filter(phone -> !optedOut.contains(phone)).findFirst()
					.filter(phone -> parties.guardian(guardian)
						.filter(card -> card.email() == null || phones.prefersSms(guardian)).isPresent());
			});
		if (number.isEmpty()) {
			return;
		}
		String language = parties.guardian(guardian).map(ConversationParties.GuardianCard::preferredLanguage)
			.filter(tag -> tag != null && !tag.isBlank()).orElse("en");
		outbox.queue(number.get(), answer.get().body(), language, AUTOMATIC_ANSWER, posted.messageId() + "/" + guardian);
	}

	/**
	 * The number the guardian's message that the automatic answer follows came from, when it came by
	 * SMS: their last message in the thread before the answer, as routed from a text (only ever from
	 * a number that is theirs alone, so a shared thread never texts one household at another's).
	 */
	private Optional<String> textedFrom(UUID conversationId, UUID guardian, Instant answeredAt) {
		return jdbc.sql("""
				select i.from_number
				from (select m.id from messaging.conversation_message m
				      where m.conversation_id = ? and m.author_guardian_id = ? and m.created_at < ?
				      order by m.created_at desc limit 1) last
				join messaging.sms_inbound i on i.message_id = last.id""")
			.params(conversationId, guardian, Timestamp.from(answeredAt)).query(String.class).optional();
	}

	/** Whether the text is queued already: the event was handed over again (a restart). */
	private boolean queued(String purpose, String reference) {
		return jdbc.sql("select exists (select 1 from messaging.sms_outbox where purpose = ? and reference = ?)")
			.params(purpose, reference).query(Boolean.class).single();
	}

	private void text(ConversationMessagePosted posted, PostedMessage message, UUID guardian, String number,
			String language) {
		String reference = posted.messageId() + "/" + guardian;
		if (queued(PURPOSE, reference)) {
			return;
		}
		Locale locale = Locale.forLanguageTag(language == null ? "en" : language);
		String author = reads.postedAuthor(posted.conversationId(), posted.messageId(), locale)
			.orElse(message.authorName());
		// In the guardian's language, labelled; the original with a line saying its language when no engine could.
		Optional<Rendering> rendering = translations.in(posted.messageId(), locale.getLanguage());
		String text = rendering.filter(shown -> !shown.untranslated()).map(Rendering::body).orElse(message.body());
		String body = text.length() > MOST_OF_BODY ? text.substring(0, MOST_OF_BODY) + "…" : text;
		if (rendering.filter(Rendering::machine).isPresent()) {
			body = body + "\n" + words.text("textreplies.relay.machine", locale);
		}
		else if (rendering.filter(Rendering::untranslated).isPresent()) {
			String written = Locale.forLanguageTag(rendering.get().sourceLanguage()).getDisplayLanguage(locale);
			// Short, for a text's length: the office's number to ask for an interpreter when the school has one.
			body = body + "\n" + interpreterLines.officePhone(language, message.schoolId())
				.map(phone -> words.text("textreplies.relay.untranslated.phone", locale, written, phone))
				.orElseGet(() -> words.text("textreplies.relay.untranslated", locale, written));
		}
		outbox.queue(number, words.text("textreplies.relay", locale, author, body), language,
				PURPOSE, reference);
	}
}
