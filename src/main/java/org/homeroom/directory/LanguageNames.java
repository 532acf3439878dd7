package org.homeroom.directory;

import java.text.Collator;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.homeroom.shared.LanguageTag;

/**
 * Families' languages by name in the reader's own language ("Spanish (Mexico)", "español
 * (México)"), rather than by tag, for the directory's pages.
 */
final class LanguageNames {

	private LanguageNames() {
	}

	/** Each tag with its name, ordered by name as the reader's language sorts. */
	static Map<String, String> of(Collection<String> tags, Locale reader) {
		Collator collator = Collator.getInstance(reader);
		Map<String, String> names = new LinkedHashMap<>();
		tags.stream()
			.distinct()
			.sorted(Comparator.comparing((String tag) -> name(tag, reader), collator))
			.forEach(tag -> names.put(tag, name(tag, reader)));
		return names;
	}

	/**
	 * Whether the tag is well formed and names a language the JDK knows by name ("hmn" for Hmong
	 * is; "zz" or "klingon" is not), so that a mistyped language is refused rather than matching
	 * nobody without a word.
	 */
	static boolean isKnown(String tag) {
		try {
			Locale locale = LanguageTag.of(tag).toLocale();
			return !locale.getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(locale.getLanguage());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static String name(String tag, Locale reader) {
		String name = Locale.forLanguageTag(tag).getDisplayName(reader);
		return name.isEmpty() ? tag : name.substring(0, 1).toUpperCase(reader) + name.substring(1);
	}
}
