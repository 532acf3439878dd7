package org.homeroom.directory;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A family's page for staff: the guardian, how to reach them, and those of their children the
 * reader may see. A guardian with no child the reader may see is answered as missing.
 */
@Controller
class GuardianPageController {

	private final DirectoryRecords records;

	GuardianPageController(DirectoryRecords records) {
		this.records = records;
	}

	@GetMapping("/guardians/{id}")
	String guardian(Viewer viewer, @PathVariable UUID id, Locale locale, Model model) {
		viewer.requireStaffFor("guardian");
		Records.GuardianRecord record = records.guardian(viewer, viewer.name(), StudentPageController.PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("guardian"));
		model.addAttribute("record", record);
		model.addAttribute("languageNames", LanguageNames.of(List.of(record.guardian().preferredLanguage()), locale));
		return "directory/guardian";
	}
}
