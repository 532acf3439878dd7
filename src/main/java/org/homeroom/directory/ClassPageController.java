package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A teacher's own classes, and a class's roster. The roster is for the class's teachers and the
 * staff of its school; anyone else gets the same 404 as for a class that does not exist.
 */
@Controller
class ClassPageController {

	private final DirectoryRecords records;

	ClassPageController(DirectoryRecords records) {
		this.records = records;
	}

	@GetMapping("/classes")
	String myClasses(Viewer viewer, Model model) {
		viewer.requireStaff(Viewer.STAFF_PAGES);
		model.addAttribute("staffRecord", viewer.staffId().isPresent());
		model.addAttribute("classes", viewer.staffId().map(records::classesTaughtBy).orElse(List.of()));
		return "directory/classes";
	}

	@GetMapping("/classes/{id}")
	String roster(Viewer viewer, @PathVariable UUID id, Model model) {
		viewer.requireStaffFor("class");
		model.addAttribute("roster", records.roster(viewer, viewer.name(), StudentPageController.PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("class")));
		return "directory/roster";
	}
}
