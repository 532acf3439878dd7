package org.homeroom.translation;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import org.homeroom.directory.Audiences;
import org.homeroom.shared.LanguageTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which language a family's reply is written in, told offline by Lingua, on this server: no text
 * leaves it. The detector knows only the district's languages (the primary tags its guardians
 * prefer, plus English) that Lingua has models for. Lingua with every language loaded takes about
 * 1.4 GB of heap; a detector for the district's seven takes about 100 MB (docs/translation.md), and
 * Lingua loads a language's models only when a text first needs them. A language Lingua has no model
 * for (Haitian Creole, {@code ht}) is never answered: the detector cannot tell it, so it says nothing
 * rather than guess a neighbour.
 *
 * <p>The set of languages is read again at most every {@link #RECHECK} and the detector rebuilt when
 * it changed. Detection is CPU work (milliseconds, or about two seconds while a language's models
 * load): call it outside any database transaction.
 */
@Component
public class ReplyLanguages {

	/**
	 * Lingua's minimum relative distance between the likeliest language and the next. Measured on
	 * the demo district's seven languages: one-sentence Spanish, English and Portuguese replies stood
	 * 0.22–0.30 apart from the next language, Vietnamese, Somali, Arabic and Chinese 0.4–1.0, while
	 * Haitian Creole sentences (which Lingua does not know) came out as "English" only 0.03–0.18
	 * ahead. Below 0.2 the detector is not confident and the answer is empty.
	 */
	public static final double MINIMUM_RELATIVE_DISTANCE = 0.2;

	/** Fewer words than this ("ok", "yes", "ok thanks") say nothing about a family's language. */
	public static final int MINIMUM_WORDS = 3;

	/** Fewer letters than this ("Sí, ok, ya") neither. */
	public static final int MINIMUM_LETTERS = 8;

	/** Lingua's accuracy does not grow past a few sentences; a long reply is judged by its beginning. */
	static final int MOST_CHARACTERS = 2000;

	/** How often the district's languages are read again: a new language arrives with an import, not by the second. */
	public static final Duration RECHECK = Duration.ofMinutes(5);

	private static final Logger log = LoggerFactory.getLogger(ReplyLanguages.class);

	private final Supplier<Collection<String>> preferred;

	private final long recheckNanos;

	private final Object rebuilding = new Object();

	private volatile Built built;

	@Autowired
	ReplyLanguages(Audiences audiences) {
		this(() -> audiences.preferredLanguages().keySet(), RECHECK);
	}

	/**
	 * A detector for the languages {@code preferred} answers (asked again after {@code recheck}), plus
	 * English: for benchmarks and tests, which fix the district's languages.
	 */
	public ReplyLanguages(Supplier<Collection<String>> preferred, Duration recheck) {
		this.preferred = preferred;
		this.recheckNanos = recheck.toNanos();
	}

	/**
	 * The primary tag ({@code vi}, {@code es}) of the language the text is written in, or empty when
	 * the text is too short to tell, when the detector is not confident, or when the district has
	 * fewer than two languages Lingua knows.
	 */
	public Optional<String> detect(String text) {
		if (!enough(text)) {
			return Optional.empty();
		}
		LanguageDetector detector = current().detector();
		if (detector == null) {
			return Optional.empty();
		}
		String judged = text.length() > MOST_CHARACTERS ? text.substring(0, MOST_CHARACTERS) : text;
		Language language = detector.detectLanguageOf(judged);
		return language == Language.UNKNOWN ? Optional.empty() : Optional.of(tag(language));
	}

	/** The languages the detector tells apart now, as primary tags. */
	public Set<String> languages() {
		return current().languages().stream().map(ReplyLanguages::tag).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Whether Lingua can recognise the language at all ({@code es-MX} yes; {@code ht}, Haitian
	 * Creole, no). A guardian who prefers a language it cannot recognise is never told apart from
	 * their own language, so never suggested for a preference update.
	 */
	public static boolean knows(String tag) {
		return lingua(tag).isPresent();
	}

	/** Whether the text has words and letters enough to be judged: each ideograph counts as a word. */
	static boolean enough(String text) {
		if (text == null) {
			return false;
		}
		int letters = 0;
		int words = 0;
		boolean inWord = false;
		for (int i = 0; i < text.length();) {
			int point = text.codePointAt(i);
			i += Character.charCount(point);
			if (Character.isLetter(point)) {
				letters++;
				boolean ideograph = Character.isIdeographic(point);
				if (ideograph || !inWord) {
					words++;
				}
				inWord = !ideograph;
			}
			else if (!mark(point)) {
				inWord = false;
			}
		}
		return words >= MINIMUM_WORDS && letters >= MINIMUM_LETTERS;
	}

	/** A combining mark (Vietnamese tones written apart, Arabic vowels) belongs to the word it sits in. */
	private static boolean mark(int point) {
		int type = Character.getType(point);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
				|| type == Character.ENCLOSING_MARK;
	}

	private Built current() {
		Built now = built;
		long clock = System.nanoTime();
		if (now != null && clock - now.checkedAt() < recheckNanos) {
			return now;
		}
		synchronized (rebuilding) {
			now = built;
			if (now != null && clock - now.checkedAt() < recheckNanos) {
				return now;
			}
			Set<Language> wanted;
			try {
				wanted = wanted();
			}
			catch (RuntimeException ex) {
				if (now == null) {
					throw ex;
				}
				// The district's languages could not be read: keep the detector we have and ask again later.
				log.warn("The district's languages could not be read; reply languages use the last known set", ex);
				built = new Built(now.languages(), now.detector(), clock);
				return built;
			}
			if (now != null && now.languages().equals(wanted)) {
				built = new Built(wanted, now.detector(), clock);
				return built;
			}
			// Lingua keeps loaded models in memory shared by its detectors; a language the district no longer
			// has keeps its models until a restart, rather than unloading them under a detection in flight.
			LanguageDetector detector = wanted.size() < 2 ? null
					: LanguageDetectorBuilder.fromLanguages(wanted.toArray(Language[]::new))
						.withMinimumRelativeDistance(MINIMUM_RELATIVE_DISTANCE)
						.build();
			log.info("Reply languages are told among {}", wanted.stream().map(ReplyLanguages::tag).sorted().toList());
			built = new Built(wanted, detector, clock);
			return built;
		}
	}

	private Set<Language> wanted() {
		Set<Language> wanted = EnumSet.of(Language.ENGLISH);
		preferred.get().stream().map(ReplyLanguages::lingua).flatMap(Optional::stream).forEach(wanted::add);
		return wanted;
	}

	private static Optional<Language> lingua(String tag) {
		if (tag == null || tag.isBlank()) {
			return Optional.empty();
		}
		try {
			IsoCode639_1 code = IsoCode639_1.valueOf(LanguageTag.of(tag.strip()).language().toUpperCase(Locale.ROOT));
			return code == IsoCode639_1.NONE ? Optional.empty() : Optional.of(Language.getByIsoCode639_1(code))
				.filter(language -> language != Language.UNKNOWN);
		}
		catch (IllegalArgumentException | NoSuchElementException ex) {
			return Optional.empty();
		}
	}

	private static String tag(Language language) {
		return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
	}

	/** The detector for a set of languages (null when fewer than two), and when that set was last read. */
	private record Built(Set<Language> languages, LanguageDetector detector, long checkedAt) {
	}
}
