package org.homeroom.directory;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.springframework.security.core.Authentication;
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

	private final Directory directory;

	private final DirectoryRecords records;

	GuardianPageController(Directory directory, DirectoryRecords records) {
		this.directory = directory;
		this.records = records;
	}

	@GetMapping("/guardians/{id}")
	String guardian(Authentication authentication, @PathVariable UUID id, Locale locale, Model model) {
		Caller caller = Caller.of(directory, authentication).requireStaffFor("guardian");
		Records.GuardianRecord record = records.guardian(caller.viewer(), caller.name(), StudentPageController.PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("guardian"));
		model.addAttribute("record", record);
		model.addAttribute("languageNames", LanguageNames.of(List.of(record.guardian().preferredLanguage()), locale));
		return "directory/guardian";
	}
}
