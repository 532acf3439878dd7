package org.homeroom.translation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.homeroom.platform.UiLanguages;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
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
 * Administration → Translation → Automatic messages, for district administrators: the messages
 * Homeroom sends on its own, found by name and paged; one message's shipped and district texts in
 * every family language; a form to reword it in one language; and a confirmation before the shipped
 * text is restored.
 */
@Controller
class AutomaticMessagePageController {

	static final String PATH = "/admin/translation/texts";

	private final AutomaticMessageTexts texts;

	AutomaticMessagePageController(AutomaticMessageTexts texts) {
		this.texts = texts;
	}

	@Bean
	static NavigationItem automaticMessagesNavigation() {
		return NavigationItem.administration("translation.curated.nav", PATH, 71, Set.of("DISTRICT_ADMIN"));
	}

	@GetMapping(PATH)
	String list(Viewer viewer, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		model.addAttribute("q", q);
		boolean tooLong = q.length() > AutomaticMessageTexts.SEARCH_MAX;
		AutomaticMessageTexts.SummaryPage found = texts.list(viewer, tooLong ? "" : q, page, locale);
		if (tooLong) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("searchError", true);
			found = new AutomaticMessageTexts.SummaryPage(List.of(), 0, 0);
		}
		model.addAttribute("messages", found);
		model.addAttribute("paging",
				Paging.of(request, page, AutomaticMessageTexts.PAGE_SIZE, found.total(), found.rows().size()));
		return "translation/automatic-messages";
	}

	@GetMapping(PATH + "/{key}")
	String message(Viewer viewer, @PathVariable String key, Locale locale, Model model) {
		AutomaticMessageTexts.Message message = texts.message(viewer, key, locale);
		model.addAttribute("message", message);
		Map<String, String> names = new LinkedHashMap<>();
		message.languages().forEach(text -> names.put(text.language(), languageName(text.locale(), locale)));
		model.addAttribute("languageNames", names);
		return "translation/automatic-message";
	}

	@GetMapping(PATH + "/{key}/{language}")
	String edit(Viewer viewer, @PathVariable String key, @PathVariable String language, Locale locale, Model model) {
		AutomaticMessageTexts.LanguageText current = texts.text(viewer, key, language);
		String text = current.edited() != null ? current.edited() : current.shipped();
		return form(viewer, key, current, new AutomaticMessageForm(text, current.version()), locale, model);
	}

	@PostMapping(PATH + "/{key}/{language}")
	String save(Viewer viewer, @PathVariable String key, @PathVariable String language,
			@ModelAttribute("automaticMessageForm") AutomaticMessageForm form, BindingResult result, Locale locale,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		AutomaticMessageTexts.LanguageText current = texts.text(viewer, key, language);
		if (!result.hasErrors()) {
			try {
				texts.save(viewer, key, current.language(), form.text(), form.version());
				redirect.addFlashAttribute("saved", current.language());
				return "redirect:" + PATH + "/" + key;
			}
			catch (InvalidInputException ex) {
				result.rejectValue(ex.field(), ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("invalid", true);
		// The form goes back with the version on file now, so that a text changed meanwhile is saved only when asked again.
		return form(viewer, key, texts.text(viewer, key, language), form, locale, model);
	}

	@GetMapping(PATH + "/{key}/{language}/restore")
	String confirmRestore(Viewer viewer, @PathVariable String key, @PathVariable String language, Locale locale,
			Model model) {
		AutomaticMessageTexts.Message message = texts.message(viewer, key, locale);
		AutomaticMessageTexts.LanguageText current = texts.text(viewer, key, language);
		model.addAttribute("message", message);
		model.addAttribute("text", current);
		model.addAttribute("languageName", languageName(current.locale(), locale));
		return "translation/automatic-message-restore";
	}

	@PostMapping(PATH + "/{key}/{language}/restore")
	String restore(Viewer viewer, @PathVariable String key, @PathVariable String language, RedirectAttributes redirect) {
		AutomaticMessageTexts.LanguageText current = texts.text(viewer, key, language);
		texts.restore(viewer, key, current.language());
		redirect.addFlashAttribute("restored", current.language());
		return "redirect:" + PATH + "/" + key;
	}

	private String form(Viewer viewer, String key, AutomaticMessageTexts.LanguageText current, AutomaticMessageForm form,
			Locale locale, Model model) {
		model.addAttribute("message", texts.message(viewer, key, locale));
		model.addAttribute("text", current);
		model.addAttribute("languageName", languageName(current.locale(), locale));
		model.addAttribute("placeholders", String.join(" ", AutomaticMessageTexts.placeholders(current.shipped())));
		// The same form object, so that the binding's errors stay with it.
		model.addAttribute("automaticMessageForm", form);
		model.addAttribute("currentVersion", current.version());
		model.addAttribute("textMax", AutomaticMessageTexts.TEXT_MAX);
		if (!model.containsAttribute("invalid")) {
			model.addAttribute("invalid", false);
		}
		return "translation/automatic-message-form";
	}

	/** A family language's name in the reader's language, with its own name: "Spanish (Español)". */
	static String languageName(Locale language, Locale reader) {
		String name = GlossaryPageController.languageName(language.getLanguage(), reader);
		String own = UiLanguages.nativeName(language);
		return name.equalsIgnoreCase(own) ? name : name + " (" + own + ")";
	}

	/** The form: the text as written, and the version of the district's text it was edited from (none for the shipped one). */
	record AutomaticMessageForm(String text, Long version) {
	}
}
