package org.homeroom.translation;

import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.UiLanguages;
import org.homeroom.translation.AutomaticMessages.AutomaticMessage;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * What district administrators do with the automatic messages' texts: read each message's shipped
 * text and the district's own per family language, reword one, or restore the shipped text. A
 * rewording must keep the shipped text's placeholders exactly, since the sender fills in the same
 * values (the code, the minutes, the school's number) whatever the words around them.
 */
@Service
class AutomaticMessageTexts {

	static final int PAGE_SIZE = 10;

	static final int TEXT_MAX = 1000;

	static final int SEARCH_MAX = 100;

	/** A placeholder as the bundles write them: {0}, {1,number}... */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*\\}");

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final CuratedTexts curated;

	private final Clock clock;

	AutomaticMessageTexts(JdbcClient jdbc, MessageSource messages, CuratedTexts curated, Clock clock) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.curated = curated;
		this.clock = clock;
	}

	/** A message as the list shows it: its name, where it is used, and the languages the district reworded (by their own names). */
	record Summary(String key, String name, String used, List<String> editedLanguages) {
	}

	record SummaryPage(List<Summary> rows, long total, int page) {
	}

	/**
	 * A message's text in one family language: the shipped text ({@code shippedInLanguage} false
	 * when the bundles have it only in English), and the district's, if it edited it.
	 */
	record LanguageText(String language, Locale locale, String shipped, boolean shippedInLanguage, String edited,
			Long version) {
	}

	record Message(String key, String name, String used, List<LanguageText> languages) {
	}

	/** The messages whose key, name or use holds the words, in the reader's language; a page of them. */
	SummaryPage list(Viewer viewer, String query, int page, Locale reader) {
		requireDistrictAdmin(viewer);
		String words = query == null ? "" : query.strip().toLowerCase(reader);
		List<Summary> found = new ArrayList<>();
		var edited = curated.edited();
		for (AutomaticMessage message : AutomaticMessages.ALL) {
			String name = messages.getMessage(message.nameKey(), null, reader);
			String used = messages.getMessage(message.usedKey(), null, reader);
			if (words.isEmpty() || message.key().contains(words) || name.toLowerCase(reader).contains(words)
					|| used.toLowerCase(reader).contains(words)) {
				List<String> languages = familyLanguages().stream()
					.filter(language -> edited.containsKey(new CuratedTexts.Key(message.key(), language)))
					.map(language -> UiLanguages.nativeName(locale(language))).toList();
				found.add(new Summary(message.key(), name, used, languages));
			}
		}
		int from = Math.min(Math.max(page, 0) * PAGE_SIZE, found.size());
		return new SummaryPage(found.subList(from, Math.min(from + PAGE_SIZE, found.size())), found.size(), page);
	}

	/** One message in every family language. */
	Message message(Viewer viewer, String key, Locale reader) {
		requireDistrictAdmin(viewer);
		AutomaticMessage message = known(key);
		List<LanguageText> texts = new ArrayList<>();
		for (String language : familyLanguages()) {
			texts.add(text(message, language));
		}
		return new Message(message.key(), messages.getMessage(message.nameKey(), null, reader),
				messages.getMessage(message.usedKey(), null, reader), texts);
	}

	/** One message in one family language. */
	LanguageText text(Viewer viewer, String key, String language) {
		requireDistrictAdmin(viewer);
		return text(known(key), knownLanguage(language));
	}

	/**
	 * Saves the district's text for a message in one language. {@code version} is the version the
	 * administrator edited (null for a first edit), so that two administrators cannot overwrite each
	 * other unknowingly.
	 *
	 * @throws InvalidInputException with the field {@code text} or {@code version} and a message key
	 */
	void save(Viewer viewer, String key, String language, String text, Long version) {
		LanguageText current = text(viewer, key, language);
		String problem = problem(current.shipped(), text);
		if (problem != null) {
			throw new InvalidInputException("text", problem);
		}
		Timestamp now = Timestamp.from(clock.instant());
		int changed;
		if (current.version() == null) {
			changed = version != null ? 0 : jdbc.sql("""
					insert into translation.curated_text (key, language, text, updated_by, updated_at, version)
					values (?, ?, ?, ?, ?, 0) on conflict (key, language) do nothing""")
				.params(key, current.language(), text, viewer.name(), now).update();
		}
		else {
			changed = !current.version().equals(version) ? 0 : jdbc.sql("""
					update translation.curated_text set text = ?, updated_by = ?, updated_at = ?, version = version + 1
					where key = ? and language = ? and version = ?""")
				.params(text, viewer.name(), now, key, current.language(), version).update();
		}
		curated.forget();
		if (changed == 0) {
			throw new InvalidInputException("version", "translation.curated.error.changed");
		}
	}

	/** Restores the shipped text: the district's text for this message and language is deleted. */
	void restore(Viewer viewer, String key, String language) {
		LanguageText current = text(viewer, key, language);
		jdbc.sql("delete from translation.curated_text where key = ? and language = ?").params(key, current.language()).update();
		curated.forget();
	}

	/**
	 * What is wrong with a text for a message whose shipped text is {@code shipped}, as a message
	 * key, or null: blank, too long, or with placeholders other than the shipped text's.
	 */
	static String problem(String shipped, String text) {
		if (text == null || text.isBlank()) {
			return "translation.curated.error.blank";
		}
		if (text.length() > TEXT_MAX) {
			return "translation.curated.error.long";
		}
		if (!placeholders(text).equals(placeholders(shipped))) {
			return "translation.curated.error.placeholders";
		}
		if (PLACEHOLDER.matcher(text).replaceAll("").matches("(?s).*[{}].*")) {
			return "translation.curated.error.braces";
		}
		try {
			new MessageFormat(text.replace("'", "''"));
		}
		catch (IllegalArgumentException ex) {
			return "translation.curated.error.placeholders";
		}
		return null;
	}

	/** The placeholders of a text, each once, in order: "{0}, {1}" for the form's hint. */
	static TreeSet<String> placeholders(String text) {
		TreeSet<String> found = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	/** The family languages by primary tag, in the chooser's order. */
	static List<String> familyLanguages() {
		return UiLanguages.FAMILY.stream().map(Locale::getLanguage).toList();
	}

	static Locale locale(String language) {
		return UiLanguages.FAMILY.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst()
			.orElseThrow(() -> new NotFoundException("language"));
	}

	private LanguageText text(AutomaticMessage message, String language) {
		Locale locale = locale(language);
		// Without arguments the bundles give the text as written, placeholders and all.
		String shipped = messages.getMessage(message.key(), null, locale);
		String english = messages.getMessage(message.key(), null, Locale.ENGLISH);
		boolean inLanguage = "en".equals(language) || !shipped.equals(english);
		Optional<EditedRow> edited = jdbc.sql("select text, version from translation.curated_text where key = ? and language = ?")
			.params(message.key(), language)
			.query((rs, row) -> new EditedRow(rs.getString(1), rs.getLong(2)))
			.optional();
		return new LanguageText(language, locale, shipped, inLanguage, edited.map(EditedRow::text).orElse(null),
				edited.map(EditedRow::version).orElse(null));
	}

	private static AutomaticMessage known(String key) {
		return AutomaticMessages.find(key).orElseThrow(() -> new NotFoundException("automatic message"));
	}

	private static String knownLanguage(String language) {
		return locale(language).getLanguage();
	}

	private static void requireDistrictAdmin(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("The automatic messages' texts are for district administrators");
		}
	}

	private record EditedRow(String text, long version) {
	}
}
