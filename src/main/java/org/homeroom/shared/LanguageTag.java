package org.homeroom.shared;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * A BCP 47 language tag such as {@code es}, {@code pt-BR} or {@code zh-Hant}, kept in its
 * canonical form so that two spellings of one language compare equal.
 */
public record LanguageTag(String value) {

	public static final LanguageTag ENGLISH = new LanguageTag("en");

	/** Primary languages written right to left; the rest of the family languages are left to right. */
	private static final java.util.Set<String> RIGHT_TO_LEFT = java.util.Set.of("ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd",
			"ug");

	public LanguageTag {
		value = canonical(value);
	}

	public static LanguageTag of(String value) {
		return new LanguageTag(value);
	}

	public static LanguageTag of(Locale locale) {
		return new LanguageTag(locale.toLanguageTag());
	}

	public Locale toLocale() {
		return Locale.forLanguageTag(value);
	}

	/** The primary language subtag, e.g. {@code pt} for {@code pt-BR}. */
	public String language() {
		return toLocale().getLanguage();
	}

	/** {@code rtl} or {@code ltr}, for a {@code dir} attribute around text in {@code language}; {@code ltr} for a bad tag. */
	public static String direction(String language) {
		try {
			return RIGHT_TO_LEFT.contains(of(language).language()) ? "rtl" : "ltr";
		}
		catch (IllegalArgumentException ex) {
			return "ltr";
		}
	}

	private static String canonical(String raw) {
		if (raw == null || raw.isBlank()) {
			throw new IllegalArgumentException("A language tag is required");
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(raw.trim().replace('_', '-')).build();
			if (locale.getLanguage().isEmpty()) {
				throw new IllegalArgumentException("Not a BCP 47 language tag: " + raw);
			}
			return locale.toLanguageTag();
		}
		catch (IllformedLocaleException ex) {
			throw new IllegalArgumentException("Not a BCP 47 language tag: " + raw, ex);
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
