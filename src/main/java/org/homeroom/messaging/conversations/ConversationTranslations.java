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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.UserProfiles;
import org.homeroom.shared.LanguageTag;
import org.homeroom.translation.ReplyLanguages;
import org.homeroom.translation.Translation;
import org.homeroom.translation.Translations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
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
 * language not stored yet translates on demand, also outside any transaction, waiting for the
 * engine only a short while (see {@link #forReader}).
 *
 * <p>The source language is a reply's told language, else its author's preferred one; for a staff
 * message, the language the detector tells (staff may write in Spanish), else their account's
 * language, else English. A row that
 * could not be translated keeps the original and is tried again after {@link #RETRY}: an engine may
 * come back, or be routed to the language later.
 */
@Component
public class ConversationTranslations {

	private static final Logger log = LoggerFactory.getLogger(ConversationTranslations.class);

	/** How long an untranslated message is shown as such before an engine is asked again. */
	static final Duration RETRY = Duration.ofMinutes(15);

	/**
	 * The kind a message is shown with while its translation is still being made: the original,
	 * marked "translation on its way" until the live list fills the translation in.
	 */
	public static final String PENDING = "PENDING";

	/** The language staff read when nothing says otherwise: the district's working language. */
	static final String STAFF_DEFAULT = "en";

	private final JdbcClient jdbc;

	private final Translations translations;

	private final ReplyLanguages languages;

	private final ConversationParties parties;

	private final UserProfiles profiles;

	private final Clock clock;

	private final Object[] stripes = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

	/** Message and language pairs a page started translating in the background, on this node. */
	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final AsyncTaskExecutor executor;

	private final ConversationSettings settings;

	ConversationTranslations(JdbcClient jdbc, Translations translations, ReplyLanguages languages,
			ConversationParties parties, UserProfiles profiles, Clock clock,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor, ConversationSettings settings) {
		this.executor = executor;
		this.settings = settings;
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
	 * the rest translated now, if the engine answers within {@code homeroom.messaging.conversations.translation-wait}
	 * (a page never waits longer for a slow engine). Messages still missing then are shown as written,
	 * marked {@link #PENDING}; their translation goes on off the request thread, is stored, and the
	 * thread's open pages are told (NOTIFY), so the live list fills it in. Must be called outside any
	 * transaction (a page's controller, after the read committed); messages are grouped by the
	 * language they were written in, so a page costs at most one engine request per such language.
	 * SYSTEM answers are written in the family's language.
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
		within(thread.id(), toTranslate, target).values().forEach(rendering -> shown.put(rendering.messageId(), rendering));
		return thread.withMessages(thread.messages().stream().map(message -> {
			if (!toTranslate.contains(message.id())) {
				return message;
			}
			Rendering rendering = shown.get(message.id());
			if (rendering == null) {
				return message.withTranslation(null, PENDING, null);
			}
			if (Translation.Kind.ORIGINAL.name().equals(rendering.kind())) {
				return message;
			}
			return message.withTranslation(rendering.body(), rendering.kind(), rendering.sourceLanguage());
		}).toList());
	}

	/**
	 * What is stored, plus what the engine makes within the wait; the rest keeps being translated
	 * in the background (once per message and language on this node, however many pages ask), and
	 * the thread's pages are told when it is stored.
	 */
	private Map<String, Rendering> within(UUID conversationId, List<UUID> messageIds, String target) {
		Map<String, Rendering> found = stored(messageIds, List.of(target));
		List<UUID> missing = messageIds.stream().filter(id -> !found.containsKey(key(id, target)))
			.filter(id -> inFlight.add(key(id, target))).toList();
		if (missing.isEmpty()) {
			return found;
		}
		CompletableFuture<Map<String, Rendering>> work = CompletableFuture.supplyAsync(() -> {
			try {
				return into(missing, List.of(target));
			}
			finally {
				missing.forEach(id -> inFlight.remove(key(id, target)));
			}
		}, executor);
		// Pages showing the thread (another reader's, or this one if it stops waiting) are told once it is stored.
		work.thenRun(() -> jdbc.sql("select pg_notify(?, ?)").params(ConversationNotices.CHANNEL, conversationId.toString())
			.query((rs, row) -> 1).list());
		Map<String, Rendering> out = new HashMap<>(found);
		try {
			out.putAll(work.get(settings.translationWait().toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			// Shown as written, marked PENDING, until the live list fetches the thread again.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// The engine's own failures come back UNTRANSLATED; this is the database or a bug. The page still shows.
			log.warn("Could not translate the messages of conversation {}", conversationId, ex.getCause());
		}
		return out;
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

	/**
	 * The stored versions of the given messages in one language, by message; nothing is translated
	 * (a list read inside its transaction may call it). A message missing here is not translated yet.
	 */
	Map<UUID, Rendering> storedIn(Collection<UUID> messageIds, String language) {
		if (messageIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Rendering> found = new HashMap<>();
		stored(messageIds, List.of(LanguageTag.of(language).language()))
			.forEach((key, rendering) -> found.put(rendering.messageId(), rendering));
		return found;
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
