package org.homeroom.messaging;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Audiences;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
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
 * Staff write announcements here: a form that previews whom it will reach (and who is left out,
 * and why) before anything is sent; the list of their announcements; each one's delivery report,
 * from which the families nobody reached become call tasks.
 */
@Controller
class AnnouncementPageController {

	static final String ANNOUNCEMENTS = "/announcements";

	/**
	 * The fields the form shows their own errors beside; an error on any other field (or on the
	 * district checkbox, which only district administrators see) is listed at the top instead, so no
	 * error is ever hidden and the sender always learns why there is no preview.
	 */
	private static final Set<String> FIELDS_WITH_ERRORS_BESIDE = Set.of("schoolIds", "classIds", "grades", "languages", "category",
			"channels", "subject", "body", "scheduledAt");

	private final Announcements announcements;

	private final DeliveryReports reports;

	private final MessageTemplates templates;

	private final Directory directory;

	private final DistrictClock districtClock;

	private final Audiences audiences;

	private final TeacherAudience teacherAudience;

	private final DraftTranslations translations;

	AnnouncementPageController(Announcements announcements, DeliveryReports reports, MessageTemplates templates,
			Directory directory, DistrictClock districtClock, Audiences audiences, TeacherAudience teacherAudience,
			DraftTranslations translations) {
		this.translations = translations;
		this.teacherAudience = teacherAudience;
		this.announcements = announcements;
		this.reports = reports;
		this.templates = templates;
		this.directory = directory;
		this.districtClock = districtClock;
		this.audiences = audiences;
	}

	@GetMapping(ANNOUNCEMENTS)
	String list(Viewer sender, @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		AnnouncementPage list = announcements.announcements(sender, page);
		model.addAttribute("announcements", list);
		model.addAttribute("paging", Paging.of(request, list.page(), AnnouncementPage.SIZE, list.total(), list.rows().size()));
		return "messaging/announcements";
	}

	/** A new announcement, empty or started from a saved template's category, subject and body. */
	@GetMapping(ANNOUNCEMENTS + "/new")
	String newAnnouncement(Viewer sender, @RequestParam(required = false) UUID template, Model model) {
		if (!model.containsAttribute("form")) {
			MessageTemplate start = template == null ? null : templates.template(sender, template);
			model.addAttribute("form", new AnnouncementForm(false, List.of(), teacherAudience.ownClassIds(sender), List.of(), List.of(),
					start == null ? Category.GENERAL : start.category(), List.of(Channel.IN_APP, Channel.EMAIL),
					start == null ? "" : start.subject(), start == null ? "" : start.body(), null));
			model.addAttribute("chosenTemplate", template);
		}
		return form(sender, model);
	}

	/** "Preview" shows whom it would reach and leaves the form as it is; "Send" sends or schedules it. */
	@PostMapping(ANNOUNCEMENTS + "/new")
	String preview(Viewer sender, @Validated @ModelAttribute("form") AnnouncementForm form, BindingResult result,
			@RequestParam(defaultValue = "preview") String action, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(sender, model);
		}
		try {
			if ("send".equals(action)) {
				AnnouncementView sent = announcements.create(sender, form.request(districtClock.zone()), null).announcement();
				redirect.addFlashAttribute("sent", true);
				return "redirect:" + ANNOUNCEMENTS + "/" + sent.id();
			}
			audiencePreview(sender, form, model);
		}
		catch (InvalidInputException ex) {
			result.reject("announcement.audience.invalid");
		}
		catch (AccessDeniedException ex) {
			result.rejectValue("district", "announcement.audience.district-denied");
		}
		return form(sender, model);
	}

	/**
	 * "Preview translations": the audience preview, then the draft in each of its families'
	 * languages. Not transactional on purpose: the audience is read in its own read-only
	 * transaction, which has ended before the engines are asked (a network call each).
	 */
	@PostMapping(ANNOUNCEMENTS + "/new/translations")
	String previewTranslations(Viewer sender, @Validated @ModelAttribute("form") AnnouncementForm form, BindingResult result,
			Model model) {
		if (result.hasErrors()) {
			return form(sender, model);
		}
		try {
			AudiencePreview preview = audiencePreview(sender, form, model);
			model.addAttribute("translations", translations.preview(preview, form.subject(), form.body(), form.category(),
					Set.copyOf(form.channels()), languageNames(preview.byLanguage().keySet())));
		}
		catch (InvalidInputException ex) {
			result.reject("announcement.audience.invalid");
		}
		catch (AccessDeniedException ex) {
			result.rejectValue("district", "announcement.audience.district-denied");
		}
		return form(sender, model);
	}

	/** Whom the draft reaches, through the access policy (counts by language and reason, no names). */
	private AudiencePreview audiencePreview(Viewer sender, AnnouncementForm form, Model model) {
		AudiencePreview preview = announcements.preview(sender, form.audience(), form.category(), Set.copyOf(form.channels()));
		model.addAttribute("preview", preview);
		model.addAttribute("previewLanguageNames", languageNames(preview.byLanguage().keySet()));
		return preview;
	}

	@GetMapping(ANNOUNCEMENTS + "/{id}")
	String announcement(Viewer sender, @PathVariable UUID id, Model model) {
		AnnouncementView announcement = announcements.announcement(sender, id);
		model.addAttribute("announcement", announcement);
		DeliveryReport report = reports.report(sender, id);
		model.addAttribute("report", report);
		model.addAttribute("reportVersions", DeliveryReport.VERSIONS);
		model.addAttribute("reportLanguageNames", languageNames(report.inTheirLanguage().keySet()));
		AnnouncementProgress progress = announcements.progress(announcement);
		model.addAttribute("progress", progress);
		// A time of day in the district's zone ("7:00 AM", "7:00", "٧:٠٠ ص"), written as the reader writes it.
		model.addAttribute("quietHoursEnd", progress.quietHoursEnd() == null ? null
				: DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(LocaleContextHolder.getLocale())
					.format(progress.quietHoursEnd()));
		Announcements.WaitingForReview review = announcements.waitingForReview(sender, id).orElse(null);
		model.addAttribute("review", review);
		model.addAttribute("reviewLanguages", review == null ? null
				: String.join(", ", languageNames(Set.copyOf(review.languages())).values()));
		return "messaging/announcement";
	}

	/** Asks before an announcement waiting for reviewers goes with the machine translation. */
	@GetMapping(ANNOUNCEMENTS + "/{id}/send-with-machine-translation")
	String confirmMachineTranslation(Viewer sender, @PathVariable UUID id, Model model) {
		model.addAttribute("announcement", announcements.announcement(sender, id));
		return "messaging/announcement-machine-translation";
	}

	/** The sender is never stuck waiting for a reviewer: the worker's next pass sends the machine translation. */
	@PostMapping(ANNOUNCEMENTS + "/{id}/send-with-machine-translation")
	String sendWithMachineTranslation(Viewer sender, @PathVariable UUID id, RedirectAttributes redirect) {
		announcements.sendWithMachineTranslation(sender, id);
		redirect.addFlashAttribute("machineChosen", true);
		return "redirect:" + ANNOUNCEMENTS + "/" + id;
	}

	@PostMapping(ANNOUNCEMENTS + "/{id}/call-tasks")
	String callTasks(Viewer sender, @PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("tasksOpened", reports.callTasksForUnreached(sender, id));
		return "redirect:" + ANNOUNCEMENTS + "/" + id;
	}

	@PostMapping(ANNOUNCEMENTS + "/{id}/cancel")
	String cancel(Viewer sender, @PathVariable UUID id, RedirectAttributes redirect) {
		announcements.cancel(sender, id);
		redirect.addFlashAttribute("cancelled", true);
		return "redirect:" + ANNOUNCEMENTS + "/" + id;
	}

	private String form(Viewer sender, Model model) {
		teacherAudience.describe(sender, model);
		Locale ui = LocaleContextHolder.getLocale();
		List<LanguageChoice> languages = audiences.familyLanguages(sender).stream()
			.map(tag -> new LanguageChoice(tag, Locale.forLanguageTag(tag).getDisplayLanguage(ui)))
			.toList();
		model.addAttribute("languages", languages);
		model.addAttribute("categories", Category.values());
		model.addAttribute("channels", announcements.availableChannels());
		boolean districtAdmin = sender.districtAdmin();
		model.addAttribute("districtAdmin", districtAdmin);
		Set<String> errorsShownBeside = new HashSet<>(FIELDS_WITH_ERRORS_BESIDE);
		if (districtAdmin) {
			errorsShownBeside.add("district");
		}
		if (languages.isEmpty()) {
			errorsShownBeside.remove("languages");
		}
		model.addAttribute("errorsShownBeside", errorsShownBeside);
		model.addAttribute("templates", templates.usableTemplates(sender));
		return "messaging/announcement-form";
	}


	/** The families' languages by name in the reader's language ("árabe", not "ar"). */
	private static Map<String, String> languageNames(Set<String> tags) {
		Locale ui = LocaleContextHolder.getLocale();
		return tags.stream().collect(Collectors.toMap(tag -> tag, tag -> {
			String name = Locale.forLanguageTag(tag).getDisplayLanguage(ui);
			return name.isBlank() ? tag : name;
		}));
	}

	record LanguageChoice(String tag, String name) {
	}

	@Bean
	static NavigationItem announcementNavigation() {
		return new NavigationItem("nav.announcements", ANNOUNCEMENTS, 40, StaffRoles.ALL);
	}

	/**
	 * The form: the audience (the district, schools, grades, family languages), what it is, how it
	 * goes, and when, in the district's time zone (empty for now).
	 */
	record AnnouncementForm(Boolean district, @Size(max = 1000) List<UUID> schoolIds,
			@Size(max = 1000) List<UUID> classIds, @Size(max = 50) List<@Size(max = 500) String> grades,
			@Size(max = 50) List<@Size(max = 35) String> languages, @NotNull Category category,
			@NotEmpty @Size(max = 10) List<Channel> channels, @NotBlank @Size(max = 200) String subject,
			@NotBlank @Size(max = 20_000) String body,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime scheduledAt) {

		AnnouncementForm {
			// Only district administrators see the checkbox, so everyone else posts no value at all.
			district = district != null && district;
			schoolIds = schoolIds == null ? List.of() : schoolIds;
			classIds = classIds == null ? List.of() : classIds;
			languages = languages == null ? List.of() : languages;
			channels = channels == null ? List.of() : channels;
			grades = grades == null ? List.of() : grades;
		}

		AudienceCriteria audience() {
			Set<String> gradeList = chosenGrades();
			return new AudienceCriteria(district, Set.copyOf(schoolIds), gradeList, Set.copyOf(classIds), null,
					Set.copyOf(languages), null);
		}

		/** The grades ticked, or typed as a list ("07, 08"), as the form has offered both. */
		Set<String> chosenGrades() {
			return grades.stream().flatMap(value -> Arrays.stream(value.split("[,\\s]+"))).filter(grade -> !grade.isBlank())
				.collect(Collectors.toSet());
		}

		AnnouncementRequest request(ZoneId districtZone) {
			return new AnnouncementRequest(audience(), subject, body, category, EnumSet.copyOf(channels),
					scheduledAt == null ? null : scheduledAt.atZone(districtZone).toInstant());
		}
	}
}
