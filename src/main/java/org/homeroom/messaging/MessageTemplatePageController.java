package org.homeroom.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff keep their saved announcement templates here: a school's list (with the district's), found
 * by name or subject; a form to write or change one; and a confirmation page before one is deleted.
 * The new-announcement form's "Save as template" button posts its subject, body and kind to
 * {@link #fromAnnouncement}, which asks for the name and school on this form; saving it goes back to
 * a new announcement started from the template, so the writer carries on (choosing the audience
 * again, since a template does not hold one).
 */
@Controller
class MessageTemplatePageController {

	static final String TEMPLATES = AnnouncementPageController.ANNOUNCEMENTS + "/templates";

	/** The school choice that lists only the district's templates; a word, so that paging links keep it. */
	static final String DISTRICT = "district";

	private static final List<Placeholder> PLACEHOLDERS = List.of(new Placeholder("{guardianName}", "guardian"),
			new Placeholder("{childName}", "child"), new Placeholder("{school}", "school"));

	private final MessageTemplates templates;

	MessageTemplatePageController(MessageTemplates templates) {
		this.templates = templates;
	}

	/**
	 * One school's templates and the district's. Without a choice, staff see their first school's
	 * and a district administrator the district's own.
	 */
	@GetMapping(TEMPLATES)
	String list(Viewer sender, @RequestParam(name = "schoolId", required = false) String school,
			@RequestParam(defaultValue = "") @Size(max = 200) String q, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, Model model) {
		List<SchoolView> schools = templates.templateSchools(sender);
		UUID schoolId = chosenSchool(school, sender, schools);
		MessageTemplate.Page found = templates.templates(sender, schoolId, q, page);
		model.addAttribute("templates", found);
		model.addAttribute("paging", Paging.of(request, found.page(), MessageTemplate.Page.SIZE, found.total(), found.rows().size()));
		model.addAttribute("schools", schools);
		model.addAttribute("schoolId", schoolId);
		model.addAttribute("q", q);
		model.addAttribute("districtAdmin", sender.districtAdmin());
		model.addAttribute("mayCreate", sender.districtAdmin() || !schools.isEmpty());
		model.addAttribute("schoolNames", schools.stream().collect(java.util.stream.Collectors.toMap(SchoolView::id, SchoolView::name)));
		return "messaging/templates";
	}

	@GetMapping(TEMPLATES + "/new")
	String newTemplate(Viewer sender, @RequestParam(required = false) UUID schoolId, Model model) {
		if (!model.containsAttribute("templateForm")) {
			model.addAttribute("templateForm", new TemplateForm(schoolId, "", Category.GENERAL, "", "", false));
		}
		return form(sender, null, model);
	}

	/** "Save as template" on the new-announcement form: its text, on this form, to be named. */
	@PostMapping(TEMPLATES + "/from-announcement")
	String fromAnnouncement(Viewer sender, @RequestParam(required = false) Category category,
			@RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String body, Model model) {
		List<SchoolView> schools = templates.templateSchools(sender);
		UUID school = sender.districtAdmin() || schools.isEmpty() ? null : schools.get(0).id();
		model.addAttribute("templateForm", new TemplateForm(school, "", category == null ? Category.GENERAL : category, subject, body,
				true));
		return form(sender, null, model);
	}

	@PostMapping(TEMPLATES + "/new")
	String create(Viewer sender, @Validated @ModelAttribute("templateForm") TemplateForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		return save(sender, null, form, result, model, redirect);
	}

	@GetMapping(TEMPLATES + "/{id}")
	String edit(Viewer sender, @PathVariable UUID id, Model model) {
		MessageTemplate template = writable(sender, id);
		if (!model.containsAttribute("templateForm")) {
			model.addAttribute("templateForm", new TemplateForm(template.schoolId(), template.name(), template.category(),
					template.subject(), template.body(), false));
		}
		return form(sender, template, model);
	}

	@PostMapping(TEMPLATES + "/{id}")
	String change(Viewer sender, @PathVariable UUID id, @Validated @ModelAttribute("templateForm") TemplateForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		return save(sender, id, form, result, model, redirect);
	}

	@GetMapping(TEMPLATES + "/{id}/delete")
	String confirmDelete(Viewer sender, @PathVariable UUID id, Model model) {
		model.addAttribute("template", writable(sender, id));
		return "messaging/template-delete";
	}

	@PostMapping(TEMPLATES + "/{id}/delete")
	String delete(Viewer sender, @PathVariable UUID id, RedirectAttributes redirect) {
		MessageTemplate template = templates.template(sender, id);
		templates.deleteTemplate(sender, id);
		redirect.addFlashAttribute("deleted", template.name());
		return "redirect:" + listOf(template.schoolId());
	}

	/** The school a template belongs to stays as it was when it is changed, as on the API. */
	private String save(Viewer sender, UUID id, TemplateForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		MessageTemplate current = id == null ? null : writable(sender, id);
		// A form whose fields break their constraints is not constructed: the binding result holds what was typed.
		if (result.hasErrors()) {
			return form(sender, current, model);
		}
		UUID schoolId = current == null ? form.schoolId() : current.schoolId();
		MessageTemplate saved;
		try {
			saved = templates.saveTemplate(sender, id,
					new MessageTemplate.Draft(schoolId, form.name(), form.category(), form.subject(), form.body()));
		}
		catch (InvalidInputException ex) {
			switch (ex.field()) {
				case "schoolId" -> result.rejectValue("schoolId", "templates.error.school");
				case "subject", "body" -> result.rejectValue(ex.field(), "templates.error.placeholder",
						new Object[] { MessageTemplates.unknownPlaceholder("subject".equals(ex.field()) ? form.subject() : form.body())
							.orElse("") }, null);
				default -> result.rejectValue("name", "templates.error.name-taken");
			}
			return form(sender, current, model);
		}
		catch (AccessDeniedException ex) {
			result.rejectValue("schoolId", "templates.error.district-denied");
			return form(sender, current, model);
		}
		catch (NotFoundException ex) {
			if (current != null) {
				throw ex;
			}
			result.rejectValue("schoolId", "templates.error.school");
			return form(sender, null, model);
		}
		if (Boolean.TRUE.equals(form.fromAnnouncement())) {
			redirect.addFlashAttribute("templateSaved", saved.name());
			return "redirect:" + AnnouncementPageController.ANNOUNCEMENTS + "/new?template=" + saved.id();
		}
		redirect.addFlashAttribute("saved", saved.name());
		return "redirect:" + listOf(saved.schoolId());
	}

	private String form(Viewer sender, MessageTemplate current, Model model) {
		List<SchoolView> schools = templates.templateSchools(sender);
		model.addAttribute("template", current);
		model.addAttribute("fromAnnouncement", fromAnnouncement(model));
		model.addAttribute("listLink", current == null ? TEMPLATES : listOf(current.schoolId()));
		model.addAttribute("schools", schools);
		model.addAttribute("districtAdmin", sender.districtAdmin());
		model.addAttribute("currentSchool", current == null || current.schoolId() == null ? null
				: schools.stream().filter(school -> school.id().equals(current.schoolId())).findFirst().map(SchoolView::name)
					.orElse(null));
		model.addAttribute("categories", Category.values());
		model.addAttribute("placeholders", PLACEHOLDERS);
		return "messaging/template-form";
	}

	/** From the form, or from what was typed when the form broke its constraints and was not made. */
	private static boolean fromAnnouncement(Model model) {
		if (model.getAttribute("templateForm") instanceof TemplateForm form) {
			return Boolean.TRUE.equals(form.fromAnnouncement());
		}
		Object value = model.getAttribute(BindingResult.MODEL_KEY_PREFIX + "templateForm") instanceof BindingResult result
				? result.getFieldValue("fromAnnouncement") : null;
		return value != null && Boolean.parseBoolean(value.toString());
	}

	/** A template the sender may change: a school's for its staff, the district's for a district administrator. */
	private MessageTemplate writable(Viewer sender, UUID id) {
		MessageTemplate template = templates.template(sender, id);
		if (template.schoolId() == null && !sender.districtAdmin()) {
			throw new AccessDeniedException("Only a district administrator may change district-wide templates");
		}
		return template;
	}

	private static UUID chosenSchool(String school, Viewer sender, List<SchoolView> schools) {
		if (school == null || school.isBlank()) {
			return sender.districtAdmin() || schools.isEmpty() ? null : schools.get(0).id();
		}
		if (DISTRICT.equals(school)) {
			return null;
		}
		try {
			return UUID.fromString(school);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("school");
		}
	}

	private static String listOf(UUID schoolId) {
		return TEMPLATES + "?schoolId=" + (schoolId == null ? DISTRICT : schoolId);
	}


	/** A placeholder and the key of the words that say what it becomes. */
	record Placeholder(String token, String key) {
	}

	/**
	 * The form; {@code schoolId} null is district-wide. {@code fromAnnouncement} says the text came
	 * from the new-announcement form, and saving goes back there.
	 */
	record TemplateForm(UUID schoolId, @NotBlank @Size(max = 120) String name, @NotNull Category category,
			@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 20_000) String body, Boolean fromAnnouncement) {

		TemplateForm {
			fromAnnouncement = Boolean.TRUE.equals(fromAnnouncement);
		}
	}
}
