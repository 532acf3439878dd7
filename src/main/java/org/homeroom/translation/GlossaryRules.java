package org.homeroom.translation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.homeroom.shared.LanguageTag;

/**
 * The district glossary as one translation applies it: for a target language, which terms are
 * taken out of the engine's hands and what each becomes. A term matches whole words only and in
 * any case; where terms overlap, the longest wins ("early dismissal day" before "early dismissal").
 */
final class GlossaryRules {

	static final GlossaryRules NONE = new GlossaryRules(List.of());

	private static final String NOT_WORD = "[\\p{L}\\p{N}_]";

	private final Map<String, Term> byKey;

	GlossaryRules(List<Term> terms) {
		Map<String, Term> keyed = new HashMap<>();
		terms.forEach(term -> keyed.put(key(term.term()), term));
		this.byKey = Map.copyOf(keyed);
	}

	/**
	 * A term and what it becomes.
	 *
	 * @param neverTranslated kept as written in every language
	 * @param translations fixed translations by language tag; a language without one is left to the engine
	 */
	record Term(String term, boolean neverTranslated, Map<String, String> translations) {

		Term {
			translations = Map.copyOf(translations);
		}

		/** What the term becomes in the target language, or empty when the engine is to translate it. */
		Optional<String> in(String target, String asWritten) {
			if (neverTranslated) {
				return Optional.of(asWritten);
			}
			String exact = translations.get(target);
			if (exact != null) {
				return Optional.of(exact);
			}
			String primary = LanguageTag.of(target).language();
			return Optional.ofNullable(translations.get(primary));
		}
	}

	/**
	 * The pattern that finds the terms that apply to a target language, or null when none does. A
	 * term's spaces match any run of white space, so a line break inside a name still matches.
	 */
	Pattern patternFor(String target) {
		List<String> applying = byKey.values().stream()
			.filter(term -> term.in(target, term.term()).isPresent())
			.map(Term::term)
			.sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
			.toList();
		if (applying.isEmpty()) {
			return null;
		}
		String alternatives = applying.stream()
			.map(term -> Pattern.compile("\\s+").splitAsStream(term.strip()).map(Pattern::quote).collect(Collectors.joining("\\s+")))
			.collect(Collectors.joining("|"));
		return Pattern.compile("(?<!" + NOT_WORD + ")(?:" + alternatives + ")(?!" + NOT_WORD + ")",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/** What a matched stretch of text becomes in the target language. */
	Optional<String> replacement(String matched, String target) {
		Term term = byKey.get(key(matched));
		return term == null ? Optional.empty() : term.in(target, matched);
	}

	static String key(String term) {
		return term.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}
}
