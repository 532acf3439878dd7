package org.homeroom.directory;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Colleagues: who works where, in which roles, and what they teach. For staff only. */
@Controller
class StaffPageController {

	static final int PAGE_SIZE = 25;

	private final DirectoryRecords records;

	StaffPageController(DirectoryRecords records) {
		this.records = records;
	}

	@GetMapping("/staff")
	String list(Viewer viewer, @Validated @ModelAttribute("search") SearchForm form,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		viewer.requireStaff(Viewer.STAFF_PAGES);
		Records.StaffPage found = records.staffList(form.q(), page, PAGE_SIZE);
		model.addAttribute("results", found);
		model.addAttribute("paging", Paging.of(request, found.page(), PAGE_SIZE, found.total(), found.items().size()));
		return "directory/staff-list";
	}

	@GetMapping("/staff/{id}")
	String staff(Viewer viewer, @PathVariable UUID id, Model model) {
		viewer.requireStaff(Viewer.STAFF_PAGES);
		model.addAttribute("staff", records.staff(id).orElseThrow(() -> new NotFoundException("staff")));
		return "directory/staff";
	}

	record SearchForm(@Size(max = 200) String q) {
	}
}
