package org.homeroom.messaging.conversations;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.ConversationParties.GuardianCard;
import org.homeroom.translation.ReplyLanguages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The language each message a guardian writes is in, and the suggestion it leads to (issue 18): a
 * guardian whose last {@value #REPLIES} told replies are all in one language other than their
 * preferred one is shown to staff reading their threads, for a preference update. Replies too short
 * or too unclear to tell count for nothing either way. A guardian who prefers a language the
 * detector cannot recognise (Haitian Creole) is never suggested, and their replies are not told:
 * their own language would look like another.
 *
 * <p>The language is told after the posting transaction commits, off the request thread, outside
 * any transaction: detection is CPU work (about two seconds while a language's models first load),
 * and the posting transaction holds the thread's row lock. The message is found again by its id,
 * whichever way it came (the family's page, the API or an SMS reply). Once told, the reply is
 * translated for staff ({@link ConversationTranslations}), from the language told.
 */
@Component
class ReplyLanguageSuggestions {

	/** How many replies in a row it takes: one or two may be a relative writing, or a quoted text. */
	static final int REPLIES = 3;

	private final JdbcClient jdbc;

	private final ReplyLanguages languages;

	private final ConversationParties parties;

	private final ConversationTranslations translations;

	ReplyLanguageSuggestions(JdbcClient jdbc, ReplyLanguages languages, ConversationParties parties,
			ConversationTranslations translations) {
		this.jdbc = jdbc;
		this.languages = languages;
		this.parties = parties;
		this.translations = translations;
	}

	@Async
	@TransactionalEventListener
	void guardianWrote(ConversationMessagePosted posted) {
		if (!ConversationAccess.GUARDIAN.equals(posted.authorSide())) {
			return;
		}
		Optional<Reply> reply = jdbc.sql("""
				select author_guardian_id, body from messaging.conversation_message
				where id = ? and author_side = 'GUARDIAN' and reply_language is null""")
			.param(posted.messageId()).query((rs, row) -> new Reply(rs.getObject(1, UUID.class), rs.getString(2))).optional();
		reply.filter(this::recognisable).flatMap(found -> languages.detect(found.body())).ifPresent(language -> jdbc.sql("""
				update messaging.conversation_message set reply_language = ? where id = ? and reply_language is null""")
			.params(language, posted.messageId()).update());
		// Then into staff's language, from the language just told (or the guardian's preference).
		translations.guardianWrote(posted.messageId());
	}

	/**
	 * Whether the detector could see the guardian's own language. Haitian Creole, which it cannot, would
	 * come out as the nearest language it knows when the district has few: a wrong label is worse
	 * than none (staff would read "English" on a Kreyòl text), so such a guardian's replies are not told.
	 */
	private boolean recognisable(Reply reply) {
		return parties.guardian(reply.guardianId()).map(GuardianCard::preferredLanguage).filter(ReplyLanguages::knows)
			.isPresent();
	}

	private record Reply(UUID guardianId, String body) {
	}

	/** The suggestions for the given guardians (a thread's), in the reader's language. */
	List<ReplyLanguageSuggestion> forGuardians(Collection<UUID> guardians, Locale reader) {
		if (guardians.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<String>> latest = jdbc.sql("""
				select author_guardian_id, reply_language from (
				    select author_guardian_id, reply_language,
				           row_number() over (partition by author_guardian_id order by created_at desc, id desc) as n
				    from messaging.conversation_message
				    where author_guardian_id in (:guardians) and reply_language is not null) told
				where n <= :replies""")
			.param("guardians", guardians).param("replies", REPLIES)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list().stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return guardians.stream().sorted().flatMap(guardian -> {
			List<String> told = latest.getOrDefault(guardian, List.of());
			if (told.size() < REPLIES || told.stream().distinct().count() != 1) {
				return java.util.stream.Stream.empty();
			}
			return parties.guardian(guardian)
				.flatMap(card -> suggestion(card, told.get(0), reader))
				.stream();
		}).toList();
	}

	private static Optional<ReplyLanguageSuggestion> suggestion(GuardianCard guardian, String writtenIn, Locale reader) {
		String preferred = guardian.preferredLanguage();
		if (preferred == null || !ReplyLanguages.knows(preferred)
				|| Locale.forLanguageTag(preferred).getLanguage().equals(writtenIn)) {
			return Optional.empty();
		}
		return Optional.of(new ReplyLanguageSuggestion(guardian.id(), guardian.name(), name(writtenIn, reader),
				name(preferred, reader)));
	}

	/** A language by its name in the reader's language ("Vietnamese", "vietnamita"), as the directory's pages name it. */
	private static String name(String tag, Locale reader) {
		String name = Locale.forLanguageTag(tag).getDisplayLanguage(reader);
		return name.isEmpty() ? tag : name;
	}
}
