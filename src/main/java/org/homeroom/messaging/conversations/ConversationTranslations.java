package org.homeroom.messaging.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.UserProfiles;
import org.homeroom.shared.LanguageTag;
import org.homeroom.translation.ReplyLanguages;
import org.homeroom.translation.Translation;
import org.homeroom.translation.Translations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Conversation messages in the language of the reader on the other side (issue 18): a guardian's
 * reply for staff, a staff message for each guardian, kept per message and language in
 * {@code messaging.conversation_message_translation}. A message is translated after its post
 * commits, off the request thread and outside any transaction (an engine is a network call and the
 * post holds the thread's row lock): a staff message into its guardians' languages here, a guardian's
 * reply into English once {@link ReplyLanguageSuggestions} has told its language. A page shown in a
 * language not stored yet translates on demand, also outside any transaction.
 *
 * <p>The source language is a reply's told language, else its author's preferred one; for a staff
 * message, the language the detector tells (staff may write in Spanish), else their account's
 * language, else English. A row that
 * could not be translated keeps the original and is tried again after {@link #RETRY}: an engine may
 * come back, or be routed to the language later.
 */
@Component
public class ConversationTranslations {

	/** How long an untranslated message is shown as such before an engine is asked again. */
	static final Duration RETRY = Duration.ofMinutes(15);

	/** The language staff read when nothing says otherwise: the district's working language. */
	static final String STAFF_DEFAULT = "en";

	private final JdbcClient jdbc;

	private final Translations translations;

	private final ReplyLanguages languages;

	private final ConversationParties parties;

	private final UserProfiles profiles;

	private final Clock clock;

	private final Object[] stripes = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

	ConversationTranslations(JdbcClient jdbc, Translations translations, ReplyLanguages languages,
			ConversationParties parties, UserProfiles profiles, Clock clock) {
		this.profiles = profiles;
		this.jdbc = jdbc;
		this.translations = translations;
		this.languages = languages;
		this.parties = parties;
		this.clock = clock;
	}

	/**
	 * A message in one reader's language, as shown or texted.
	 *
	 * @param body the translation, or the original for {@code UNTRANSLATED} and {@code ORIGINAL}
	 * @param kind a {@link Translation.Kind} name
	 * @param sourceLanguage the primary tag of the language the message was written in
	 */
	public record Rendering(UUID messageId, String language, String sourceLanguage, String body, String kind,
			String engine) {

		public boolean machine() {
			return Translation.Kind.MACHINE.name().equals(kind);
		}

		public boolean untranslated() {
			return Translation.Kind.UNTRANSLATED.name().equals(kind);
		}
	}

	/** A staff message, once committed: into each of its guardians' preferred languages, before anyone asks. */
	@Async
	@TransactionalEventListener
	void staffWrote(ConversationMessagePosted posted) {
		if (!ConversationAccess.STAFF.equals(posted.authorSide()) || posted.guardianIds().isEmpty()) {
			return;
		}
		List<String> targets = posted.guardianIds().stream().map(this::guardianLanguage).distinct().toList();
		synchronized (stripe(posted.messageId())) {
			into(List.of(posted.messageId()), targets);
		}
	}

	/** A guardian's reply, once its language is told (or could not be): into the staff's default language. */
	void guardianWrote(UUID messageId) {
		into(List.of(messageId), List.of(STAFF_DEFAULT));
	}

	/** The guardian's preferred language as a primary tag, English when none is on record. */
	public String guardianLanguage(UUID guardianId) {
		return parties.guardian(guardianId).map(ConversationParties.GuardianCard::preferredLanguage)
			.filter(tag -> tag != null && !tag.isBlank()).map(tag -> LanguageTag.of(tag).language()).orElse("en");
	}

	/**
	 * One message in one language: stored, or translated now and stored. For code running after
	 * commit (the SMS relay), never inside a transaction.
	 */
	public Optional<Rendering> in(UUID messageId, String language) {
		// The SMS relay asks while staffWrote may be translating the same message: one waits for the other's row.
		synchronized (stripe(messageId)) {
			return Optional.ofNullable(into(List.of(messageId), List.of(language)).get(key(messageId, language)));
		}
	}

	/**
	 * The lock for one message's translations, so that the listeners that run at once after a post
	 * (this one's and the SMS relay's) ask the engine once between them, on this instance.
	 */
	private Object stripe(UUID messageId) {
		return stripes[Math.floorMod(messageId.hashCode(), stripes.length)];
	}

	/**
	 * The language a reader reads messages in: a family's, their guardian's preferred language;
	 * staff's, their account's (English when none is on record).
	 */
	String readerLanguage(Viewer viewer) {
		if (!viewer.staff() && !viewer.districtAdmin() && !viewer.guardianIds().isEmpty()) {
			return guardianLanguage(viewer.guardianIds().iterator().next());
		}
		return profiles.find(viewer.name()).map(profile -> profile.language().language()).orElse(STAFF_DEFAULT);
	}

	/**
	 * The thread with the other side's messages in the reader's language: stored translations, and
	 * the rest translated now. Must be called outside any transaction (a page's controller, after the
	 * read committed); messages are grouped by the language they were written in, so a page costs at
	 * most one engine request per such language. SYSTEM answers are written in the family's language.
	 */
	ConversationView forReader(ConversationView thread, Viewer viewer) {
		String theirs = ConversationAccess.GUARDIAN.equals(thread.side()) ? ConversationAccess.STAFF
				: ConversationAccess.GUARDIAN;
		List<UUID> toTranslate = thread.messages().stream()
			.filter(message -> !message.mine() && theirs.equals(message.authorSide()) && !message.body().isBlank())
			.map(ConversationView.MessageView::id).toList();
		if (toTranslate.isEmpty()) {
			return thread;
		}
		String target = LanguageTag.of(readerLanguage(viewer)).language();
		Map<UUID, Rendering> shown = new HashMap<>();
		into(toTranslate, List.of(target)).values().forEach(rendering -> shown.put(rendering.messageId(), rendering));
		return thread.withMessages(thread.messages().stream().map(message -> {
			Rendering rendering = shown.get(message.id());
			if (rendering == null || Translation.Kind.ORIGINAL.name().equals(rendering.kind())) {
				return message;
			}
			return message.withTranslation(rendering.body(), rendering.kind(), rendering.sourceLanguage());
		}).toList());
	}

	private Map<String, Rendering> into(Collection<UUID> messageIds, Collection<String> languages) {
		if (messageIds.isEmpty() || languages.isEmpty()) {
			return Map.of();
		}
		List<String> targets = languages.stream().map(tag -> LanguageTag.of(tag).language()).distinct().toList();
		Map<String, Rendering> found = stored(messageIds, targets);
		Map<UUID, List<String>> missing = new LinkedHashMap<>();
		for (UUID message : messageIds) {
			for (String target : targets) {
				if (!found.containsKey(key(message, target))) {
					missing.computeIfAbsent(message, id -> new ArrayList<>()).add(target);
				}
			}
		}
		if (missing.isEmpty()) {
			return found;
		}
		Map<String, List<Original>> bySource = new LinkedHashMap<>();
		originals(missing.keySet()).forEach(original -> bySource
			.computeIfAbsent(original.source(), source -> new ArrayList<>()).add(original));
		Map<String, Rendering> out = new HashMap<>(found);
		bySource.forEach((source, originals) -> {
			List<String> wanted = originals.stream().flatMap(original -> missing.get(original.id()).stream()).distinct()
				.toList();
			Map<String, Translation> made = translations.translate(originals.stream().map(Original::body).toList(), source,
					wanted);
			for (int i = 0; i < originals.size(); i++) {
				Original original = originals.get(i);
				for (String target : missing.get(original.id())) {
					Translation translation = made.get(target);
					Rendering rendering = new Rendering(original.id(), target, source, translation.text(i),
							translation.kind().name(), translation.engine());
					store(rendering);
					out.put(key(original.id(), target), rendering);
				}
			}
		});
		return out;
	}

	private record Original(UUID id, String source, String body) {
	}

	/**
	 * The messages' texts and the language each was written in. One statement, read outside any
	 * transaction; a staff message's language is told here, as CPU work, not stored on its own.
	 */
	private List<Original> originals(Collection<UUID> messageIds) {
		return jdbc.sql("""
				select id, author_side, author_guardian_id, reply_language, body, author_staff_id
				from messaging.conversation_message
				where id in (:ids) order by created_at, id""")
			.param("ids", messageIds)
			.query((rs, row) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class) })
			.list().stream()
			.map(row -> {
				UUID id = (UUID) row[0];
				String side = (String) row[1];
				String body = (String) row[4];
				String source;
				if (ConversationAccess.GUARDIAN.equals(side)) {
					source = row[3] != null ? (String) row[3] : guardianLanguage((UUID) row[2]);
				}
				else {
					source = languages.detect(body).orElseGet(() -> staffLanguage((UUID) row[5]));
				}
				return new Original(id, LanguageTag.of(source).language(), body);
			})
			.toList();
	}

	/**
	 * The language of a staff member's account, for a message too short or too unclear to tell:
	 * what they read Homeroom in is likelier than English to be what they write in.
	 */
	private String staffLanguage(UUID staffId) {
		return Optional.ofNullable(staffId).flatMap(parties::staffEmail).flatMap(profiles::find)
			.map(profile -> profile.language().language()).orElse(STAFF_DEFAULT);
	}

	private Map<String, Rendering> stored(Collection<UUID> messageIds, List<String> targets) {
		Timestamp fresh = Timestamp.from(clock.instant().minus(RETRY));
		Map<String, Rendering> found = new HashMap<>();
		jdbc.sql("""
				select message_id, language, source_language, body, kind, engine from messaging.conversation_message_translation
				where message_id in (:ids) and language in (:languages)
				  and (kind <> 'UNTRANSLATED' or translated_at > :fresh)""")
			.param("ids", messageIds).param("languages", targets).param("fresh", fresh)
			.query((rs, row) -> new Rendering(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list().forEach(rendering -> found.put(key(rendering.messageId(), rendering.language()), rendering));
		return found;
	}

	/** One statement of its own; a message deleted meanwhile (retention) leaves nothing to store. */
	private void store(Rendering rendering) {
		jdbc.sql("""
				insert into messaging.conversation_message_translation
				    (message_id, language, source_language, body, kind, engine, translated_at)
				select :message, :language, :source, :body, :kind, :engine, :at
				where exists (select 1 from messaging.conversation_message where id = :message)
				on conflict (message_id, language) do update set source_language = excluded.source_language,
				    body = excluded.body, kind = excluded.kind, engine = excluded.engine, translated_at = excluded.translated_at""")
			.param("message", rendering.messageId()).param("language", rendering.language())
			.param("source", rendering.sourceLanguage()).param("body", rendering.body()).param("kind", rendering.kind())
			.param("engine", rendering.engine()).param("at", Timestamp.from(clock.instant())).update();
	}

	private static String key(UUID message, String language) {
		return message + "/" + LanguageTag.of(language).language();
	}
}
