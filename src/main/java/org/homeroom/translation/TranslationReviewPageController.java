package org.homeroom.translation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.NavigationBadge;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Translations to review", for staff holding a translator grant: the machine translations waiting
 * in their languages, each beside its original, editable, and approved with one button. Anyone else
 * is refused (403) on the service; the navigation entry, with the number waiting, is shown to
 * reviewers only.
 */
@Controller
class TranslationReviewPageController {

	static final String PATH = "/translations/review";

	private final TranslationReviews reviews;

	TranslationReviewPageController(TranslationReviews reviews) {
		this.reviews = reviews;
	}

	@Bean
	static NavigationItem reviewNavigation() {
		return new NavigationItem("translation.review.nav", PATH, 45, StaffRoles.ALL);
	}

	@Bean
	static NavigationBadge translationsToReview(TranslationReviews reviews, Translators translators, Directory directory) {
		return new NavigationBadge() {

			@Override
			public String path() {
				return PATH;
			}

			@Override
			public long count(Authentication user) {
				return reviews.waitingFor(directory.viewerOf(user));
			}

			@Override
			public String liveUpdates() {
				return null;
			}

			@Override
			public boolean shown(Authentication user) {
				return StaffRoles.isStaff(Directory.rolesOf(user)) && !translators.languagesOf(directory.viewerOf(user)).isEmpty();
			}
		};
	}

	@GetMapping(PATH)
	String list(Viewer viewer, @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Locale locale,
			Model model) {
		TranslationReviews.RequestPage found = reviews.waiting(viewer, page);
		model.addAttribute("requests", found);
		model.addAttribute("paging", Paging.of(request, page, TranslationReviews.PAGE_SIZE, found.total(), found.rows().size()));
		model.addAttribute("names", new LanguageNames(locale));
		return "translation/reviews";
	}

	@GetMapping(PATH + "/{id}")
	String request(Viewer viewer, @PathVariable UUID id, Locale locale, Model model) {
		TranslationReviews.Request request = reviews.request(viewer, id);
		return form(request, request.machineTexts(), null, locale, model);
	}

	@PostMapping(PATH + "/{id}")
	String approve(Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "") String subject,
			@RequestParam(defaultValue = "") String body, Locale locale, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		TranslationReviews.Request request = reviews.request(viewer, id);
		List<String> texts = request.sourceTexts().size() == 2 ? List.of(subject, body) : List.of(body);
		try {
			reviews.approve(viewer, id, texts);
		}
		catch (TranslationReviews.TextRejected ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			String field = request.sourceTexts().size() == 2 && ex.field().equals("texts[0]") ? "subject" : "body";
			return form(request, texts, new FieldError(field, ex.problem(), ex.placeholder()), locale, model);
		}
		redirect.addFlashAttribute("approved", new LanguageNames(locale).of(request.language()));
		return "redirect:" + PATH;
	}

	private String form(TranslationReviews.Request request, List<String> texts, FieldError error, Locale locale, Model model) {
		model.addAttribute("request", request);
		model.addAttribute("texts", texts);
		model.addAttribute("error", error);
		model.addAttribute("languageName", new LanguageNames(locale).of(request.language()));
		model.addAttribute("sourceName", new LanguageNames(locale).of(Translations.WRITTEN_IN));
		return "translation/review";
	}

	/** A rejected text: which form field, what is wrong (the message key's end) and the placeholder concerned. */
	record FieldError(String field, TranslationReviews.Problem problem, String placeholder) {
	}

	/** Language names in the reader's language, for a template. */
	record LanguageNames(Locale reader) {

		public String of(String tag) {
			return TranslationPageController.languageName(tag, reader);
		}
	}
}
