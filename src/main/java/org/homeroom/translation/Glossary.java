package org.homeroom.translation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.homeroom.directory.Audiences;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.LanguageTag;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district glossary: kept by district administrators, applied by {@link Translations} around
 * every engine. Terms are written in the district's own language (English), the language
 * announcements are written in.
 */
@Service
class Glossary {

	static final int PAGE_SIZE = 25;

	static final int TERM_MAX = 100;

	static final int TRANSLATION_MAX = 200;

	static final int LANGUAGE_MAX = 35;

	static final int LANGUAGES_MAX = 50;

	static final int SEARCH_MAX = 100;

	/** Braces would read as a placeholder, and the brackets are the markers' own. */
	private static final Pattern FORBIDDEN = Pattern.compile("[{}⟦⟧]");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

	private final GlossaryTermRepository terms;

	private final Audiences audiences;

	private final TranslationSettings settings;

	private final Clock clock;

	Glossary(GlossaryTermRepository terms, Audiences audiences, TranslationSettings settings, Clock clock) {
		this.terms = terms;
		this.audiences = audiences;
		this.settings = settings;
		this.clock = clock;
	}

	/** One entry as pages show it; {@code translations} by language tag, in tag order. */
	record Entry(UUID id, String term, boolean neverTranslated, Map<String, String> translations) {
	}

	record EntryPage(List<Entry> rows, long total, int page) {
	}

	/** A problem with a draft: the field, and the message key that says what is wrong. */
	record Problem(String field, String code) {
	}

	/**
	 * A term as an administrator writes it.
	 *
	 * @param translations by language tag; blank ones are ignored
	 */
	record Draft(String term, boolean neverTranslated, Map<String, String> translations) {

		Draft {
			term = term == null ? "" : term.strip();
			Map<String, String> kept = new LinkedHashMap<>();
			if (translations != null) {
				translations.forEach((language, text) -> {
					if (text != null && !text.isBlank()) {
						kept.put(language == null ? "" : language.strip(), text.strip());
					}
				});
			}
			translations = kept;
		}

		/** Every rule the draft breaks, each beside its field. */
		List<Problem> problems() {
			List<Problem> problems = new ArrayList<>();
			if (term.isEmpty()) {
				problems.add(new Problem("term", "translation.glossary.error.term-blank"));
			}
			else if (term.length() > TERM_MAX) {
				problems.add(new Problem("term", "translation.glossary.error.term-long"));
			}
			else if (FORBIDDEN.matcher(term).find() || !WORD.matcher(term).find()) {
				problems.add(new Problem("term", "translation.glossary.error.term-characters"));
			}
			if (translations.size() > LANGUAGES_MAX) {
				problems.add(new Problem("translations", "translation.glossary.error.too-many"));
			}
			translations.forEach((language, text) -> {
				if (!validLanguage(language)) {
					problems.add(new Problem("translations", "translation.glossary.error.language"));
				}
				else if (text.length() > TRANSLATION_MAX) {
					problems.add(new Problem("translations[" + language + "]", "translation.glossary.error.translation-long"));
				}
				else if (FORBIDDEN.matcher(text).find()) {
					problems.add(new Problem("translations[" + language + "]", "translation.glossary.error.translation-characters"));
				}
			});
			if (!neverTranslated && translations.isEmpty()) {
				problems.add(new Problem("translations", "translation.glossary.error.none"));
			}
			return problems;
		}

		private static boolean validLanguage(String language) {
			if (language.isEmpty() || language.length() > LANGUAGE_MAX) {
				return false;
			}
			try {
				return LanguageTag.of(language).value().equals(language);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
	}

	/** The whole glossary, for one message's translation: a read of its own, finished before any engine is asked. */
	@Transactional(readOnly = true)
	GlossaryRules rules() {
		return new GlossaryRules(terms.findAll().stream()
			.map(term -> new GlossaryRules.Term(term.term(), term.neverTranslated(), term.translations()))
			.toList());
	}

	@Transactional(readOnly = true)
	EntryPage list(Viewer viewer, String q, int page) {
		requireDistrictAdmin(viewer);
		String words = q == null ? "" : q.strip();
		if (words.length() > SEARCH_MAX) {
			throw new InvalidInputException("q", "at most " + SEARCH_MAX + " characters");
		}
		String pattern = "%" + words.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		var found = terms.search(pattern, PageRequest.of(page, PAGE_SIZE));
		return new EntryPage(found.getContent().stream().map(Glossary::entry).toList(), found.getTotalElements(), page);
	}

	@Transactional(readOnly = true)
	Entry entry(Viewer viewer, UUID id) {
		requireDistrictAdmin(viewer);
		return terms.findById(id).map(Glossary::entry).orElseThrow(() -> new NotFoundException("glossary term"));
	}

	/**
	 * Adds a term ({@code id} null) or changes one.
	 *
	 * @throws InvalidInputException naming the field, whose message is the problem's key
	 */
	@Transactional
	Entry save(Viewer viewer, UUID id, Draft draft) {
		requireDistrictAdmin(viewer);
		List<Problem> problems = draft.problems();
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems.get(0).field(), problems.get(0).code());
		}
		GlossaryTerm same = terms.findByTerm(draft.term()).orElse(null);
		if (same != null && !same.id().equals(id)) {
			throw new InvalidInputException("term", "translation.glossary.error.term-taken");
		}
		GlossaryTerm term;
		if (id == null) {
			term = terms.save(GlossaryTerm.define(draft.term(), draft.neverTranslated(), draft.translations(), viewer.name(),
					clock.instant()));
		}
		else {
			term = terms.findById(id).orElseThrow(() -> new NotFoundException("glossary term"));
			term.revise(draft.term(), draft.neverTranslated(), draft.translations(), viewer.name(), clock.instant());
		}
		terms.flush();
		return entry(term);
	}

	@Transactional
	Entry delete(Viewer viewer, UUID id) {
		requireDistrictAdmin(viewer);
		GlossaryTerm term = terms.findById(id).orElseThrow(() -> new NotFoundException("glossary term"));
		Entry deleted = entry(term);
		terms.delete(term);
		return deleted;
	}

	/**
	 * The languages a term may have fixed translations in: those the district's families prefer,
	 * those routed to an engine, and any the term already has; never the district's own, English.
	 */
	@Transactional(readOnly = true)
	List<String> languages(Viewer viewer, Entry current) {
		requireDistrictAdmin(viewer);
		TreeSet<String> languages = new TreeSet<>(audiences.familyLanguages(viewer));
		languages.addAll(settings.routes().keySet());
		if (current != null) {
			languages.addAll(current.translations().keySet());
		}
		languages.remove(LanguageTag.ENGLISH.value());
		return List.copyOf(languages);
	}

	private static Entry entry(GlossaryTerm term) {
		Map<String, String> translations = new LinkedHashMap<>();
		term.translations().entrySet().stream().sorted(Map.Entry.comparingByKey())
			.forEach(entry -> translations.put(entry.getKey(), entry.getValue()));
		return new Entry(term.id(), term.term(), term.neverTranslated(), translations);
	}

	private static void requireDistrictAdmin(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("The district glossary is for district administrators");
		}
	}
}
