package org.homeroom.translation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.directory.StaffAdministration;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Translation → Reviewers, for district administrators: the categories whose
 * translations wait for a reviewer, the staff who hold a translator grant (by language, paged), a
 * search of the staff records to grant one, and a confirmation page before a grant is removed.
 */
@Controller
class ReviewerAdministrationPageController {

	static final String PATH = "/admin/translation/reviewers";

	/** The longest staff search, as on the other administration pages. */
	static final int SEARCH_MAX = 100;

	/** Staff records found by a search, a page at a time. */
	static final int STAFF_PAGE_SIZE = 10;

	private final Translators translators;

	private final StaffAdministration staff;

	private final ReviewSettings settings;

	ReviewerAdministrationPageController(Translators translators, StaffAdministration staff, ReviewSettings settings) {
		this.translators = translators;
		this.staff = staff;
		this.settings = settings;
	}

	@Bean
	static NavigationItem reviewersNavigation() {
		return NavigationItem.administration("translation.reviewers.nav", PATH, 72, Set.of("DISTRICT_ADMIN"));
	}

	@GetMapping(PATH)
	String page(Viewer viewer, @RequestParam(defaultValue = "") String language, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		Translators.requireDistrictAdmin(viewer);
		List<String> languages = translators.grantableLanguages(viewer);
		boolean badLanguage = !language.isEmpty() && !languages.contains(language);
		if (badLanguage) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		Translators.GrantPage grants = translators.grants(viewer, badLanguage ? "" : language, page);
		model.addAttribute("language", badLanguage ? "" : language);
		model.addAttribute("languageError", badLanguage);
		model.addAttribute("languages", languages);
		model.addAttribute("names", new TranslationReviewPageController.LanguageNames(locale));
		model.addAttribute("grants", grants);
		model.addAttribute("paging", Paging.of(request, page, Translators.PAGE_SIZE, grants.total(), grants.rows().size()));
		model.addAttribute("categories", translators.reviewableCategories());
		model.addAttribute("chosen", translators.reviewedCategories());
		model.addAttribute("urgentMinutes", settings.urgentWait().toMinutes());
		return "translation/reviewers";
	}

	/** A search of the staff records the administrator manages, each found with a language to grant. */
	@GetMapping(PATH + "/add")
	String add(Viewer viewer, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		Translators.requireDistrictAdmin(viewer);
		boolean badSearch = q.length() > SEARCH_MAX;
		if (badSearch) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		model.addAttribute("q", q);
		model.addAttribute("searchError", badSearch);
		model.addAttribute("languages", translators.grantableLanguages(viewer));
		model.addAttribute("names", new TranslationReviewPageController.LanguageNames(locale));
		if (!q.isBlank() && !badSearch) {
			StaffAdministration.StaffPage found = staff.staff(viewer, q, page, STAFF_PAGE_SIZE);
			model.addAttribute("found", found);
			model.addAttribute("paging", Paging.of(request, page, STAFF_PAGE_SIZE, found.total(), found.items().size()));
		}
		return "translation/reviewer-add";
	}

	@PostMapping(PATH + "/categories")
	String categories(Viewer viewer, @RequestParam(name = "category", required = false) List<String> categories,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
		try {
			translators.chooseCategories(viewer, categories == null ? List.of() : categories);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("categoryError", true);
			String page = page(viewer, "", 0, request, response, locale, model);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page;
		}
		redirect.addFlashAttribute("categoriesSaved", true);
		return "redirect:" + PATH;
	}

	@PostMapping(PATH + "/grants")
	String grant(Viewer viewer, @RequestParam(defaultValue = "") String staffId, @RequestParam(defaultValue = "") String language,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
		Translators.Grant grant;
		try {
			grant = translators.grant(viewer, uuid(staffId), language);
		}
		catch (InvalidInputException ex) {
			model.addAttribute(ex.field().equals("language") ? "grantLanguageError" : "grantStaffError", true);
			String page = add(viewer, "", 0, request, response, locale, model);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page;
		}
		redirect.addFlashAttribute("granted", grant.name());
		redirect.addFlashAttribute("grantedLanguage", TranslationPageController.languageName(grant.language(), locale));
		return "redirect:" + PATH;
	}

	@GetMapping(PATH + "/grants/{staffId}/{language}/remove")
	String confirmRemove(Viewer viewer, @PathVariable UUID staffId, @PathVariable String language, Locale locale, Model model) {
		model.addAttribute("grant", translators.existing(viewer, staffId, language));
		model.addAttribute("languageName", TranslationPageController.languageName(translators.existing(viewer, staffId, language)
			.language(), locale));
		return "translation/reviewer-remove";
	}

	@PostMapping(PATH + "/grants/{staffId}/{language}/remove")
	String remove(Viewer viewer, @PathVariable UUID staffId, @PathVariable String language, Locale locale,
			RedirectAttributes redirect) {
		Translators.Grant grant = translators.revoke(viewer, staffId, language);
		redirect.addFlashAttribute("removed", grant.name());
		redirect.addFlashAttribute("removedLanguage", TranslationPageController.languageName(grant.language(), locale));
		return "redirect:" + PATH;
	}

	private static UUID uuid(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("staffId", "Choose a staff member");
		}
	}
}
