package org.homeroom.messaging;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.DirectoryRecords;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Records;
import org.homeroom.directory.SchoolGrades;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.Viewer;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The audience choices the announcement form offers its sender: the sender's own classes first
 * (chosen by default for a new announcement), then only the schools where the sender has a role,
 * and the grades those schools have, as a list to tick rather than codes to type.
 */
@Component
class TeacherAudience {

	private final Directory directory;

	private final DirectoryRecords records;

	private final SchoolGrades grades;

	TeacherAudience(Directory directory, DirectoryRecords records, SchoolGrades grades) {
		this.directory = directory;
		this.records = records;
		this.grades = grades;
	}

	/** The classes the sender teaches today, which a new announcement starts out addressed to. */
	List<UUID> ownClassIds(Viewer sender) {
		return ownClasses(sender).stream().map(Records.ClassSummary::sectionId).toList();
	}

	void describe(Viewer sender, Model model) {
		List<SchoolView> schools = directory.schoolsWorkedAt(sender);
		model.addAttribute("classes", ownClasses(sender));
		model.addAttribute("schools", schools);
		model.addAttribute("schoolGrades", grades.at(schools.stream().map(SchoolView::id).toList()));
		Set<String> chosen = model.getAttribute("form") instanceof AnnouncementPageController.AnnouncementForm form
				? form.chosenGrades() : Set.of();
		model.addAttribute("chosenGrades", chosen);
	}

	private List<Records.ClassSummary> ownClasses(Viewer sender) {
		return sender.staffId().map(records::classesTaughtBy).orElse(List.of());
	}
}
