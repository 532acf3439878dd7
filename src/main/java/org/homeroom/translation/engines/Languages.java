package org.homeroom.translation.engines;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Language codes between Homeroom (BCP 47 primary tags: {@code en}, {@code es}) and the engines:
 * Apertium's ISO 639-3 codes ({@code eng}, {@code spa}, {@code eng_US}) and Google's legacy codes
 * ({@code iw} for Hebrew, {@code zh-CN}).
 */
final class Languages {

	/** ISO 639-3 to 639-1, from the JDK's own table, so that every language it knows is mapped. */
	private static final Map<String, String> TWO_LETTER = new HashMap<>();

	/** Codes some engines still use for languages whose codes changed. */
	private static final Map<String, String> LEGACY = Map.of("iw", "he", "in", "id", "ji", "yi", "jw", "jv");

	static {
		for (String language : Locale.getISOLanguages()) {
			if (language.length() == 2) {
				TWO_LETTER.put(Locale.forLanguageTag(language).getISO3Language(), language);
			}
		}
		// Apertium names the macrolanguage's standard variety rather than the macrolanguage.
		TWO_LETTER.put("arb", "ar");
		TWO_LETTER.put("cmn", "zh");
		TWO_LETTER.put("nob", "nb");
	}

	private Languages() {
	}

	/** The primary tag of a BCP 47 tag or an engine's code: {@code zh-Hans} and {@code zh-CN} are {@code zh}. */
	static String primary(String code) {
		String primary = code.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
		return LEGACY.getOrDefault(primary, primary);
	}

	/** An Apertium code ({@code spa}, {@code eng_US}) as a primary tag ({@code es}). */
	static String fromApertium(String code) {
		String primary = primary(code);
		return TWO_LETTER.getOrDefault(primary, primary);
	}

	/** A primary tag as Apertium's ISO 639-3 code, when the JDK knows one. */
	static String toApertium(String tag) {
		String primary = primary(tag);
		if (primary.length() != 2) {
			return primary;
		}
		try {
			return Locale.forLanguageTag(primary).getISO3Language();
		}
		catch (java.util.MissingResourceException ex) {
			return primary;
		}
	}
}
