package org.homeroom.translation;

import java.text.Collator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.homeroom.directory.FamilyLanguages;
import org.homeroom.directory.Viewer;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Translation, for district administrators: each configured engine, where its
 * text goes and what it said it serves; and for each language the district's families prefer,
 * which engine translates into it, or that none does (those families receive the original with a
 * line on how to ask for an interpreter).
 */
@Controller
class TranslationPageController {

	static final String PATH = "/admin/translation";

	static final String CHECK_PATH = PATH + "/check";

	/** Beyond this many, an engine's languages are counted rather than named (Google lists over a hundred). */
	private static final int NAMED_LANGUAGES = 12;

	private final EngineDiscovery discovery;

	private final TranslationRoutes routes;

	private final FamilyLanguages familyLanguages;

	TranslationPageController(EngineDiscovery discovery, TranslationRoutes routes, FamilyLanguages familyLanguages) {
		this.discovery = discovery;
		this.routes = routes;
		this.familyLanguages = familyLanguages;
	}

	@GetMapping(PATH)
	String page(Viewer viewer, Locale locale, Model model) {
		requireDistrictAdmin(viewer);
		List<EngineDiscovery.EngineStatus> statuses = discovery.statuses();
		java.util.Set<String> unreachable = statuses.stream().filter(status -> status.state() == EngineDiscovery.State.UNREACHABLE)
			.map(status -> status.engine().name()).collect(java.util.stream.Collectors.toSet());
		model.addAttribute("engines", statuses.stream().map(status -> EngineRow.of(status, locale)).toList());
		model.addAttribute("languages", familyLanguages.preferred(viewer).stream()
			.map(language -> LanguageRow.of(language, routes, locale, unreachable)).toList());
		return "translation/administration";
	}

	/** Asks every engine again; no transaction is open, and each engine is bounded by its timeouts. */
	@PostMapping(CHECK_PATH)
	String checkAgain(Viewer viewer, RedirectAttributes redirect) {
		requireDistrictAdmin(viewer);
		discovery.askAll();
		redirect.addFlashAttribute("checked", true);
		return "redirect:" + PATH;
	}

	private static void requireDistrictAdmin(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("Translation settings are for district administrators");
		}
	}

	static String languageName(String tag, Locale reader) {
		String name = Locale.forLanguageTag(tag).getDisplayLanguage(reader);
		return name.isEmpty() || name.equals(tag) ? tag : name.substring(0, 1).toUpperCase(reader) + name.substring(1);
	}

	/**
	 * One engine as the page shows it.
	 *
	 * @param named the languages it translates into from {@link #Translations.WRITTEN_IN}, by name, at most {@link #NAMED_LANGUAGES}
	 * @param more how many more it translates into
	 */
	record EngineRow(String name, String destination, boolean external, EngineDiscovery.State state,
			java.time.Instant askedAt, String problem, List<String> named, int more) {

		static EngineRow of(EngineDiscovery.EngineStatus status, Locale reader) {
			List<String> into = status.pairs().stream()
				.filter(pair -> pair.source().equals(Translations.WRITTEN_IN))
				.map(pair -> languageName(pair.target(), reader))
				.distinct()
				.sorted(Collator.getInstance(reader))
				.toList();
			return new EngineRow(status.engine().name(), status.engine().destination(), status.external(), status.state(),
					status.askedAt(), status.problem(), into.stream().limit(NAMED_LANGUAGES).toList(),
					Math.max(0, into.size() - NAMED_LANGUAGES));
		}
	}

	/** How families of one language receive messages. */
	enum Outcome {
		/** They read the language staff write in. */
		ORIGINAL,
		/** An engine translates into it. */
		SERVED,
		/** No engine is routed to it. */
		NOT_ROUTED,
		/** Routed to an engine that said it does not translate into it. */
		NOT_SERVED
	}

	/**
	 * @param unreachable whether the engine could not be reached when last asked: it keeps its
	 *     routes (it may be back for the next message), but the administrator should know
	 */
	record LanguageRow(String tag, String name, long guardians, Outcome outcome, String engine, boolean unreachable) {

		LanguageRow(String tag, String name, long guardians, Outcome outcome, String engine) {
			this(tag, name, guardians, outcome, engine, false);
		}

		static LanguageRow of(FamilyLanguages.FamilyLanguage language, TranslationRoutes routes, Locale reader,
				java.util.Set<String> unreachable) {
			String tag = language.language();
			String name = languageName(tag, reader);
			if (tag.equals(Translations.WRITTEN_IN)) {
				return new LanguageRow(tag, name, language.guardians(), Outcome.ORIGINAL, null);
			}
			Optional<TranslationEngine> engine = routes.engineFor(Translations.WRITTEN_IN, tag);
			if (engine.isPresent()) {
				return new LanguageRow(tag, name, language.guardians(), Outcome.SERVED, engine.get().name(),
						unreachable.contains(engine.get().name()));
			}
			return routes.routeFor(tag)
				.map(routed -> new LanguageRow(tag, name, language.guardians(), Outcome.NOT_SERVED, routed))
				.orElse(new LanguageRow(tag, name, language.guardians(), Outcome.NOT_ROUTED, null));
		}
	}

}
