package org.homeroom.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.homeroom.shared.LanguageTag;

/**
 * The languages the interface itself is written in. The pages families use (sign-in, welcome,
 * home, messages, conversations, account, contacts) and everything sent to families have
 * bundles in the languages of the district's families; staff pages stay in English, Spanish and
 * Arabic. A page that is not complete in a language shows English for the keys it lacks.
 *
 * <p>A family's preferred language may be any BCP 47 tag; when the interface has no bundle for
 * it, pages are in English while content addressed to the family is still delivered (translated)
 * in their own language.
 */
public final class UiLanguages {

	/** Chinese is written in Simplified characters; the tag names the script so that pages say so. */
	public static final Locale CHINESE_SIMPLIFIED = Locale.forLanguageTag("zh-Hans");

	/** The languages of the family pages, messages and texts, in the order the chooser lists them. */
	public static final List<Locale> FAMILY = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"),
			Locale.forLanguageTag("ar"), Locale.forLanguageTag("vi"), CHINESE_SIMPLIFIED, Locale.forLanguageTag("so"),
			Locale.forLanguageTag("ht"), Locale.forLanguageTag("pt"));

	/** The languages of the staff pages. */
	public static final List<Locale> STAFF = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"),
			Locale.forLanguageTag("ar"));

	/**
	 * Each language's own name. Written out because the JDK's locale data lacks some (Haitian
	 * Creole) and names Chinese without its script.
	 */
	private static final Map<String, String> NATIVE_NAMES = Map.of("en", "English", "es", "Español", "ar", "العربية",
			"vi", "Tiếng Việt", "zh", "简体中文", "so", "Soomaali", "ht", "Kreyòl ayisyen", "pt", "Português");

	private UiLanguages() {
	}

	/**
	 * The interface language for a tag among all that have bundles (the family languages),
	 * matched on its primary language: {@code zh}, {@code zh-CN} and {@code zh-Hans} give
	 * Simplified Chinese, and so does {@code zh-Hant}, since Simplified is closer to its reader
	 * than English is.
	 */
	public static Optional<Locale> match(LanguageTag tag) {
		return match(tag, FAMILY);
	}

	public static Optional<Locale> match(String tag) {
		return match(tag, FAMILY);
	}

	/** The staff interface language for a tag, if it is one of {@link #STAFF}. */
	public static Optional<Locale> matchForStaff(String tag) {
		return match(tag, STAFF);
	}

	static Optional<Locale> match(String tag, List<Locale> among) {
		try {
			return tag == null ? Optional.empty() : match(LanguageTag.of(tag), among);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	static Optional<Locale> match(LanguageTag tag, List<Locale> among) {
		return among.stream().filter(locale -> locale.getLanguage().equals(tag.language())).findFirst();
	}

	/** The language's name written in that language, e.g. "Español", for a language chooser. */
	public static String nativeName(Locale locale) {
		String known = NATIVE_NAMES.get(locale.getLanguage());
		if (known != null) {
			return known;
		}
		String name = locale.getDisplayLanguage(locale);
		if (name.isEmpty() || name.equalsIgnoreCase(locale.getLanguage())) {
			name = locale.getDisplayLanguage(Locale.ENGLISH);
		}
		return name.isEmpty() ? locale.toLanguageTag() : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
	}

	/**
	 * What a family may choose as its language: every family interface language, then the
	 * district's other languages (those its guardians prefer), which get messages translated and
	 * pages in English. Keyed by tag, valued by the language's own name.
	 */
	public static List<LanguageChoice> familyChoices(Collection<String> districtLanguages) {
		Map<String, LanguageChoice> choices = new LinkedHashMap<>();
		FAMILY.forEach(locale -> choices.put(locale.getLanguage(),
				new LanguageChoice(locale.toLanguageTag(), nativeName(locale), true)));
		List<LanguageChoice> others = new ArrayList<>();
		for (String district : districtLanguages) {
			try {
				Locale locale = Locale.forLanguageTag(LanguageTag.of(district).language());
				if (!choices.containsKey(locale.getLanguage())
						&& others.stream().noneMatch(other -> other.tag().equals(locale.toLanguageTag()))) {
					others.add(new LanguageChoice(locale.toLanguageTag(), nativeName(locale), false));
				}
			}
			catch (IllegalArgumentException ex) {
				// A tag the directory could not keep well formed is not offered.
			}
		}
		others.sort(java.util.Comparator.comparing(LanguageChoice::tag));
		List<LanguageChoice> all = new ArrayList<>(choices.values());
		all.addAll(others);
		return List.copyOf(all);
	}

	/** The staff interface languages as choices. */
	public static List<LanguageChoice> staffChoices() {
		return STAFF.stream().map(locale -> new LanguageChoice(locale.toLanguageTag(), nativeName(locale), true)).toList();
	}

	/**
	 * The choice a tag stands for, matched on its primary language ({@code so-SO} chooses
	 * {@code so}); empty for a tag that is not well formed or not on offer.
	 */
	public static Optional<LanguageChoice> chosen(List<LanguageChoice> choices, String tag) {
		try {
			String language = tag == null ? "" : LanguageTag.of(tag).language();
			return choices.stream().filter(choice -> LanguageTag.of(choice.tag()).language().equals(language)).findFirst();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * One language on offer: its tag, its own name, and whether Homeroom's pages are written in
	 * it (if not, the pages are English and only the family's messages come in the language).
	 */
	public record LanguageChoice(String tag, String name, boolean pages) {
	}
}
