package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import page for district administrators: upload a zip (as a dry run, or forced past the
 * deactivation guard once confirmed), watch it run, read what it did, and page through earlier
 * imports. Forcing is confirmed by a second box on the same form rather than a second page,
 * because a browser cannot carry a chosen file over to another page. The same page names the
 * drop folder of the scheduled sync ({@link RosterSync}) and says when it last ran.
 */
@Controller
class RosterImportPageController {

	/** The kinds of record in the order a result lists them. */
	static final List<String> KINDS = List.of("district", "schools", "schoolYears", "terms", "courses", "classes",
			"students", "guardians", "guardianships", "staff", "classTeachers", "classEnrolments", "demographics");

	private final RosterImports imports;

	private final RosterSync sync;

	private final MessageSource messages;

	RosterImportPageController(RosterImports imports, RosterSync sync, MessageSource messages) {
		this.imports = imports;
		this.sync = sync;
		this.messages = messages;
	}

	@Bean
	static NavigationItem importsNavigation() {
		return NavigationItem.administration("nav.imports", "/admin/imports", 85, Set.of("DISTRICT_ADMIN"));
	}

	@GetMapping("/admin/imports")
	String page(Authentication caller, @RequestParam(defaultValue = "0") int page, HttpServletRequest request,
			Model model) {
		RosterImports.requireDistrictAdmin(caller);
		if (!model.containsAttribute("upload")) {
			model.addAttribute("upload", new UploadForm(null, false, false, false));
		}
		RosterSync.RosterSyncView syncSettings = sync.settings(caller);
		if (!model.containsAttribute("sync")) {
			model.addAttribute("sync", new SyncForm(syncSettings.folder(),
					String.valueOf(syncSettings.everyMinutes()), syncSettings.enabled()));
		}
		model.addAttribute("syncStatus", syncSettings);
		model.addAttribute("guardPercent", RosterImporter.GUARD_PERCENT);
		RosterImportView.Page history = imports.history(caller, page);
		model.addAttribute("history", history);
		model.addAttribute("paging",
				Paging.of(request, history.page(), history.size(), history.total(), history.items().size()));
		return "directory/imports";
	}

	@PostMapping("/admin/imports")
	String upload(Authentication caller, @ModelAttribute("upload") UploadForm form, BindingResult result,
			HttpServletRequest request, Model model) {
		RosterImports.requireDistrictAdmin(caller);
		MultipartFile file = form.file();
		if (file == null || file.isEmpty()) {
			result.rejectValue("file", "imports.upload.file.required");
		}
		else if (!file.getOriginalFilename().toLowerCase(Locale.ROOT).endsWith(".zip")) {
			result.rejectValue("file", "imports.upload.file.zip");
		}
		if (form.force() && !form.confirmForce()) {
			result.rejectValue("confirmForce", "imports.upload.confirm.required");
		}
		if (result.hasErrors()) {
			return page(caller, 0, request, model);
		}
		try {
			UUID id = imports.start(caller, file.getInputStream(), file.getOriginalFilename(), form.dryRun(),
					form.force());
			return "redirect:/admin/imports/" + id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@PostMapping("/admin/imports/sync")
	String saveSync(Authentication caller, @ModelAttribute("sync") SyncForm form, BindingResult result,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		RosterImports.requireDistrictAdmin(caller);
		String folderProblem = RosterSync.folderProblem(form.folder(), form.enabled());
		if (folderProblem != null) {
			result.rejectValue("folder", folderProblem);
		}
		Integer every = form.minutes();
		if (every == null || every < RosterSync.MIN_EVERY_MINUTES || every > RosterSync.MAX_EVERY_MINUTES) {
			result.rejectValue("everyMinutes", "imports.sync.every.range",
					new Object[] { RosterSync.MIN_EVERY_MINUTES, RosterSync.MAX_EVERY_MINUTES }, null);
		}
		if (result.hasErrors()) {
			return page(caller, 0, request, model);
		}
		sync.change(caller, form.folder(), every, form.enabled());
		redirect.addFlashAttribute("syncSaved", true);
		return "redirect:/admin/imports";
	}

	@PostMapping("/admin/imports/sync/run")
	String runSync(Authentication caller, RedirectAttributes redirect) {
		redirect.addFlashAttribute(sync.requestRun(caller) ? "syncRequested" : "syncOff", true);
		return "redirect:/admin/imports";
	}

	@GetMapping("/admin/imports/{id}")
	String result(Authentication caller, @PathVariable UUID id, Locale locale, Model model) {
		model.addAttribute("report", found(caller, id, locale));
		model.addAttribute("kinds", KINDS);
		return "directory/import";
	}

	/** The part of the result page that htmx asks for again while the import runs. */
	@GetMapping("/admin/imports/{id}/outcome")
	String outcome(Authentication caller, @PathVariable UUID id, Locale locale, Model model) {
		model.addAttribute("report", found(caller, id, locale));
		model.addAttribute("kinds", KINDS);
		return "directory/import :: outcome";
	}

	private RosterImportView found(Authentication caller, UUID id, Locale locale) {
		return imports.find(caller, id).orElseThrow(() -> new NotFoundException("import")).in(messages, locale);
	}

	/**
	 * @param confirmForce the administrator has read that a forced import may deactivate many
	 *     records
	 */
	record UploadForm(MultipartFile file, Boolean dryRun, Boolean force, Boolean confirmForce) {

		UploadForm {
			dryRun = Boolean.TRUE.equals(dryRun);
			force = Boolean.TRUE.equals(force);
			confirmForce = Boolean.TRUE.equals(confirmForce);
		}
	}

	/**
	 * @param everyMinutes as typed, so that a word instead of a number gets the same message as a
	 *     number out of range
	 */
	record SyncForm(String folder, String everyMinutes, Boolean enabled) {

		SyncForm {
			enabled = Boolean.TRUE.equals(enabled);
		}

		Integer minutes() {
			try {
				return everyMinutes == null ? null : Integer.valueOf(everyMinutes.strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
	}
}
