package org.homeroom.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.homeroom.shared.PhoneNumber;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.annotation.Bean;
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
 * Administration → Schools: the schools an administrator keeps, searched and paged (a district may
 * have hundreds), each with its office phone, and a form per school to set that phone. The phone is
 * what the interpreter line tells a family to call, and OneRoster does not carry it, so this page is
 * where it comes from. An emptied field asks first, then forgets the number.
 */
@Controller
class SchoolPageController {

	static final String PATH = "/admin/schools";

	static final int PAGE_SIZE = 25;

	private final SchoolAdministration schools;

	SchoolPageController(SchoolAdministration schools) {
		this.schools = schools;
	}

	@Bean
	static NavigationItem schoolsNavigation() {
		return NavigationItem.administration("nav.schools", PATH, 89,
				Set.of(StaffRoles.DISTRICT_ADMIN, SchoolAdministration.SCHOOL_ADMIN));
	}

	@GetMapping(PATH)
	String list(Viewer viewer, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("q", q);
		if (q.length() > OfficePhoneForm.SEARCH_MAX_LENGTH) {
			requireKeeper(viewer);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("searchError", true);
			model.addAttribute("results", new SchoolAdministration.SchoolPage(List.of(), 0, PAGE_SIZE, 0));
			return "directory/schools";
		}
		SchoolAdministration.SchoolPage found = schools.schools(viewer, q, page, PAGE_SIZE);
		model.addAttribute("results", found);
		model.addAttribute("paging", Paging.of(request, found.page(), PAGE_SIZE, found.total(), found.items().size()));
		return "directory/schools";
	}

	@GetMapping(PATH + "/{id}")
	String edit(Viewer viewer, @PathVariable UUID id, Model model) {
		SchoolAdministration.KeptSchool school = schools.school(viewer, id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new OfficePhoneForm(school.officePhoneShown()));
		}
		model.addAttribute("school", school);
		return "directory/school";
	}

	@PostMapping(PATH + "/{id}")
	String change(Viewer viewer, @PathVariable UUID id, @ModelAttribute("form") OfficePhoneForm form, BindingResult result,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		SchoolAdministration.KeptSchool school = schools.school(viewer, id);
		String written = form.officePhone() == null ? "" : form.officePhone().strip();
		if (written.isEmpty()) {
			if (school.officePhone() == null) {
				return "redirect:" + PATH;
			}
			model.addAttribute("school", school);
			return "directory/school-clear";
		}
		PhoneNumber phone = null;
		if (written.length() > OfficePhoneForm.MAX_LENGTH) {
			result.rejectValue("officePhone", "schools.phone.too-long", new Object[] { OfficePhoneForm.MAX_LENGTH }, null);
		}
		else {
			phone = PhoneNumber.parse(written, schools.region());
			if (!phone.valid()) {
				result.rejectValue("officePhone", "schools.phone.invalid");
			}
		}
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return edit(viewer, id, model);
		}
		SchoolAdministration.KeptSchool saved = schools.changeOfficePhone(viewer, id, phone);
		// Flash attributes live in the session table: plain strings, not records.
		redirect.addFlashAttribute("saved", saved.name());
		redirect.addFlashAttribute("savedPhone", saved.officePhoneShown());
		return "redirect:" + PATH;
	}

	@PostMapping(PATH + "/{id}/clear")
	String clear(Viewer viewer, @PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("cleared", schools.clearOfficePhone(viewer, id).name());
		return "redirect:" + PATH;
	}

	private static void requireKeeper(Viewer viewer) {
		if (!SchoolAdministration.mayKeepSchools(viewer)) {
			throw new AccessDeniedException("Schools are kept by administrators");
		}
	}

	/**
	 * @param officePhone as written, with or without the country code; empty to forget it. No phone
	 *        number, however it is written, is longer than {@link #MAX_LENGTH}.
	 */
	record OfficePhoneForm(String officePhone) {

		static final int MAX_LENGTH = 40;

		static final int SEARCH_MAX_LENGTH = 100;
	}
}
