package org.homeroom.translation;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.homeroom.platform.UiLanguages;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The words of Homeroom's automatic messages (sign-in codes, the SMS HELP reply, the automatic
 * office-hours answer...): the district's own text for a key and language when it edited one, else
 * the shipped text of the message bundles in that language, else English. A curated text always
 * wins: senders of the messages listed in {@code AutomaticMessages} read them here rather than from
 * the {@link MessageSource}, and an engine never sees them.
 *
 * <p>The edited texts are few and read on every code or HELP, so they are held in memory: this node
 * reloads them at once after an edit here, and every {@link #REFRESH} in any case, which is how long
 * another node may keep sending the previous words.
 */
@Service
public class CuratedTexts {

	/** How long edited texts are used from memory before being read again (other nodes' edits). */
	static final Duration REFRESH = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final Clock clock;

	private volatile Snapshot snapshot;

	CuratedTexts(JdbcClient jdbc, MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The text of an automatic message for a reader, with its placeholders ({0}, {1}...) filled in
	 * from {@code args} as the message bundles would.
	 */
	public String text(String key, Locale reader, Object... args) {
		Locale locale = reader == null ? Locale.ENGLISH : reader;
		Optional<String> edited = language(locale).map(language -> edited().get(new Key(key, language)));
		if (edited.isPresent()) {
			return format(edited.get(), args, locale);
		}
		return messages.getMessage(key, args == null || args.length == 0 ? null : args, locale);
	}

	/** The family language a reader's locale is served in (its primary tag: {@code zh} for {@code zh-Hans}). */
	static Optional<String> language(Locale reader) {
		return UiLanguages.match(reader.toLanguageTag()).map(Locale::getLanguage);
	}

	/** The district's edited texts, by key and language. */
	Map<Key, String> edited() {
		Snapshot current = snapshot;
		Instant now = clock.instant();
		if (current == null || current.loadedAt().plus(REFRESH).isBefore(now)) {
			Map<Key, String> texts = new HashMap<>();
			jdbc.sql("select key, language, text from translation.curated_text")
				.query(rs -> {
					texts.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
				});
			current = new Snapshot(Map.copyOf(texts), now);
			snapshot = current;
		}
		return current.texts();
	}

	/** Called after an edit or a restore has been written, so that this node uses it from the next message on. */
	void forget() {
		snapshot = null;
	}

	/**
	 * Fills in an edited text the way the bundles' texts are: an administrator writes apostrophes as
	 * they are, so they are quoted for {@link MessageFormat}, which would otherwise read them as quotes.
	 */
	static String format(String text, Object[] args, Locale locale) {
		if (args == null || args.length == 0) {
			return text;
		}
		return new MessageFormat(text.replace("'", "''"), locale).format(args);
	}

	record Key(String key, String language) {
	}

	private record Snapshot(Map<Key, String> texts, Instant loadedAt) {
	}
}
