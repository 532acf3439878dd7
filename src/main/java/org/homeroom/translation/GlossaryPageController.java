package org.homeroom.translation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Translation → Glossary, for district administrators: the district's terms,
 * found by their words and paged; a form to add or change one (kept as written in every language,
 * or with fixed translations per language); and a confirmation page before one is deleted.
 */
@Controller
class GlossaryPageController {

	static final String PATH = "/admin/translation/glossary";

	static final String KEEP = "keep";

	static final String FIXED = "fixed";

	private final Glossary glossary;

	GlossaryPageController(Glossary glossary) {
		this.glossary = glossary;
	}

	@Bean
	static NavigationItem glossaryNavigation() {
		return NavigationItem.administration("translation.glossary.nav", PATH, 70, Set.of("DISTRICT_ADMIN"));
	}

	@GetMapping(PATH)
	String list(Viewer viewer, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		model.addAttribute("q", q);
		if (q.length() > Glossary.SEARCH_MAX) {
			requireDistrictAdmin(viewer);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("searchError", true);
			model.addAttribute("terms", new Glossary.EntryPage(List.of(), 0, 0));
			return "translation/glossary";
		}
		Glossary.EntryPage found = glossary.list(viewer, q, page);
		model.addAttribute("terms", found);
		model.addAttribute("paging", Paging.of(request, page, Glossary.PAGE_SIZE, found.total(), found.rows().size()));
		Map<String, String> languageNames = new LinkedHashMap<>();
		found.rows().forEach(row -> row.translations().keySet().forEach(language -> languageNames.put(language, languageName(language, locale))));
		model.addAttribute("languageNames", languageNames);
		return "translation/glossary";
	}

	@GetMapping(PATH + "/new")
	String newTerm(Viewer viewer, Locale locale, Model model) {
		return form(viewer, null, new GlossaryForm("", FIXED, List.of(), List.of()), Map.of(), locale, model);
	}

	@PostMapping(PATH + "/new")
	String create(Viewer viewer, @ModelAttribute("glossaryForm") GlossaryForm form, BindingResult result, Locale locale,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		return save(viewer, null, form, result, locale, response, model, redirect);
	}

	@GetMapping(PATH + "/{id}")
	String edit(Viewer viewer, @PathVariable UUID id, Locale locale, Model model) {
		Glossary.Entry entry = glossary.entry(viewer, id);
		List<String> languages = new ArrayList<>(entry.translations().keySet());
		List<String> texts = new ArrayList<>(entry.translations().values());
		return form(viewer, entry, new GlossaryForm(entry.term(), entry.neverTranslated() ? KEEP : FIXED, languages, texts),
				Map.of(), locale, model);
	}

	@PostMapping(PATH + "/{id}")
	String change(Viewer viewer, @PathVariable UUID id, @ModelAttribute("glossaryForm") GlossaryForm form,
			BindingResult result, Locale locale, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		return save(viewer, id, form, result, locale, response, model, redirect);
	}

	@GetMapping(PATH + "/{id}/delete")
	String confirmDelete(Viewer viewer, @PathVariable UUID id, Model model) {
		model.addAttribute("term", glossary.entry(viewer, id));
		return "translation/glossary-delete";
	}

	@PostMapping(PATH + "/{id}/delete")
	String delete(Viewer viewer, @PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("deleted", glossary.delete(viewer, id).term());
		return "redirect:" + PATH;
	}

	private String save(Viewer viewer, UUID id, GlossaryForm form, BindingResult result, Locale locale,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Glossary.Entry current = id == null ? null : glossary.entry(viewer, id);
		Map<String, String> translationErrors = new LinkedHashMap<>();
		if (!result.hasErrors()) {
			if (!KEEP.equals(form.kind()) && !FIXED.equals(form.kind())) {
				result.rejectValue("kind", "translation.glossary.error.kind");
			}
			Glossary.Draft draft = form.draft();
			for (Glossary.Problem problem : draft.problems()) {
				reject(problem.field(), problem.code(), result, translationErrors);
			}
			if (!result.hasErrors() && translationErrors.isEmpty()) {
				try {
					Glossary.Entry saved = glossary.save(viewer, id, draft);
					redirect.addFlashAttribute("saved", saved.term());
					return "redirect:" + PATH + "?q=" + java.net.URLEncoder.encode(saved.term(), java.nio.charset.StandardCharsets.UTF_8);
				}
				catch (InvalidInputException ex) {
					reject(ex.field(), ex.getMessage(), result, translationErrors);
				}
				catch (DataIntegrityViolationException ex) {
					// Another administrator saved the same term a moment earlier: the unique index said so.
					result.rejectValue("term", "translation.glossary.error.term-taken");
				}
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("invalid", true);
		return form(viewer, current, form, translationErrors, locale, model);
	}

	private static void reject(String field, String code, BindingResult result, Map<String, String> translationErrors) {
		if (field.startsWith("translations[")) {
			translationErrors.put(field.substring("translations[".length(), field.length() - 1), code);
		}
		else {
			// The draft's "translations" are the form's texts.
			result.rejectValue("translations".equals(field) ? "texts" : field, code);
		}
	}

	/** One row per language on offer, holding what was typed for it. */
	private String form(Viewer viewer, Glossary.Entry current, GlossaryForm form, Map<String, String> translationErrors,
			Locale locale, Model model) {
		Map<String, String> typed = form.typed();
		List<TranslationRow> rows = new ArrayList<>();
		List<String> languages = new ArrayList<>(glossary.languages(viewer, current));
		typed.keySet().stream().filter(language -> !languages.contains(language) && language.length() <= Glossary.LANGUAGE_MAX)
			.forEach(languages::add);
		for (String language : languages) {
			rows.add(new TranslationRow(rows.size(), language, languageName(language, locale), typed.getOrDefault(language, ""),
					translationErrors.get(language)));
		}
		model.addAttribute("glossaryForm", form);
		model.addAttribute("term", current);
		if (!model.containsAttribute("invalid")) {
			model.addAttribute("invalid", false);
		}
		model.addAttribute("rows", rows);
		model.addAttribute("translationMax", Glossary.TRANSLATION_MAX);
		model.addAttribute("termMax", Glossary.TERM_MAX);
		return "translation/glossary-form";
	}

	/** A language's name in the reader's language ("Spanish", "español"), or its tag when Java has no name for it. */
	static String languageName(String language, Locale reader) {
		String name = Locale.forLanguageTag(language).getDisplayName(reader);
		return name.isBlank() ? language : name;
	}

	private static void requireDistrictAdmin(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("The district glossary is for district administrators");
		}
	}

	/** A language's field on the form: its position in the posted lists, its tag and name, what it holds. */
	record TranslationRow(int index, String language, String label, String text, String error) {
	}

	/**
	 * The form. {@code kind} is {@value #KEEP} (kept as written in every language) or {@value #FIXED};
	 * {@code languages} and {@code texts} are parallel: the translation into each language.
	 */
	record GlossaryForm(String term, String kind, List<String> languages, List<String> texts) {

		GlossaryForm {
			term = term == null ? "" : term;
			languages = languages == null ? List.of() : languages;
			texts = texts == null ? List.of() : texts;
		}

		Map<String, String> typed() {
			Map<String, String> typed = new LinkedHashMap<>();
			for (int i = 0; i < languages.size() && i < texts.size(); i++) {
				if (languages.get(i) != null && texts.get(i) != null) {
					typed.put(languages.get(i).strip(), texts.get(i));
				}
			}
			return typed;
		}

		Glossary.Draft draft() {
			return new Glossary.Draft(term, KEEP.equals(kind), typed());
		}
	}
}
