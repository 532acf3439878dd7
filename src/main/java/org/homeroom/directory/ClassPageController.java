package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.springframework.security.core.Authentication;
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

	private final Directory directory;

	private final DirectoryRecords records;

	ClassPageController(Directory directory, DirectoryRecords records) {
		this.directory = directory;
		this.records = records;
	}

	@GetMapping("/classes")
	String myClasses(Authentication authentication, Model model) {
		Caller caller = Caller.of(directory, authentication).requireStaff();
		model.addAttribute("staffRecord", caller.viewer().staffId().isPresent());
		model.addAttribute("classes", caller.viewer().staffId().map(records::classesTaughtBy).orElse(List.of()));
		return "directory/classes";
	}

	@GetMapping("/classes/{id}")
	String roster(Authentication authentication, @PathVariable UUID id, Model model) {
		Caller caller = Caller.of(directory, authentication).requireStaffFor("class");
		model.addAttribute("roster", records.roster(caller.viewer(), caller.name(), StudentPageController.PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("class")));
		return "directory/roster";
	}
}
