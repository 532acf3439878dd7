package org.homeroom.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.homeroom.shared.LanguageTag;

/**
 * The languages the interface itself is written in. A family's preferred language may be any
 * BCP 47 tag; when the interface has no bundle for it, pages fall back to English while content
 * addressed to the family is still delivered in their own language.
 */
public final class UiLanguages {

	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"),
			Locale.forLanguageTag("ar"));

	private UiLanguages() {
	}

	/** The supported interface language for a tag, matched on its primary language. */
	public static Optional<Locale> match(LanguageTag tag) {
		return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(tag.language())).findFirst();
	}

	public static Optional<Locale> match(String tag) {
		try {
			return match(LanguageTag.of(tag));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The language's name written in that language, e.g. "Español", for a language chooser. */
	public static String nativeName(Locale locale) {
		String name = locale.getDisplayLanguage(locale);
		return name.isEmpty() ? locale.toLanguageTag() : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
	}
}
