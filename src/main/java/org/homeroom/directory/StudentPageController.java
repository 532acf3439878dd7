package org.homeroom.directory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff search for students and read a student's whole record. Both go through the same entry
 * methods as the API, so the one access policy decides what is found and every read is logged;
 * a student the reader may not see is answered with the same 404 as one that does not exist.
 */
@Controller
class StudentPageController {

	static final String PURPOSE = "page";

	private final Directory directory;

	private final DirectoryRecords records;

	private final DistrictClock clock;

	private final Audiences audiences;

	StudentPageController(Directory directory, DirectoryRecords records, DistrictClock clock, Audiences audiences) {
		this.directory = directory;
		this.clock = clock;
		this.audiences = audiences;
		this.records = records;
	}

	/** A GET form, so that a search is a link that can be kept and shared. */
	@GetMapping("/students")
	String search(Viewer viewer, @Validated @ModelAttribute("search") SearchForm form, BindingResult result,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Locale locale, Model model) {
		viewer.requireStaff(Viewer.STAFF_PAGES);
		List<SchoolView> schools = directory.schools();
		List<Records.ClassSummary> classes = viewer.staffId().map(records::classesTaughtBy).orElse(List.of());
		model.addAttribute("grades", Grade.CODES);
		model.addAttribute("schools", schools);
		model.addAttribute("classes", classes);
		model.addAttribute("otherClass", form.classId() != null
				&& classes.stream().noneMatch(line -> line.sectionId().equals(form.classId())));
		model.addAttribute("languages", LanguageNames.of(audiences.familyLanguages(viewer), locale));
		model.addAttribute("schoolNames", schools.stream().collect(Collectors.toMap(SchoolView::id, SchoolView::name)));
		if (result.hasErrors()) {
			return "directory/students";
		}
		try {
			StudentSearch.Page found = directory.searchStudents(viewer, viewer.name(), PURPOSE,
					new StudentSearch.Criteria(form.schoolId(), form.grade(), form.q(), form.classId(), form.language(),
							page, StudentSearch.PAGE_SIZE));
			model.addAttribute("results", found);
			model.addAttribute("paging", Paging.of(request, found.page(), found.size(), found.total(),
					found.items().size()));
		}
		catch (InvalidInputException ex) {
			result.rejectValue(ex.field(), "students.search.invalid");
		}
		return "directory/students";
	}

	@GetMapping("/students/{id}")
	String student(Viewer viewer, @PathVariable UUID id, Locale locale, Model model) {
		viewer.requireStaffFor("student");
		Records.StudentRecord record = records.student(viewer, viewer.name(), PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("student"));
		model.addAttribute("record", record);
		model.addAttribute("today", clock.today());
		model.addAttribute("currentSchool", record.enrolments()
			.stream()
			.filter(Records.EnrolmentLine::current)
			.map(Records.EnrolmentLine::schoolName)
			.findFirst()
			.orElse(null));
		model.addAttribute("languageNames", languageNames(record, locale));
		model.addAttribute("restrictionsInForce", record.guardians()
			.stream()
			.flatMap(line -> line.restrictions()
				.stream()
				.filter(DirectoryCommands.RestrictionView::inForce)
				.map(restriction -> new RestrictionInForce(line.guardian(), restriction.type())))
			.toList());
		// The same rule as the access log's own page: administrators, for a student they may see.
		model.addAttribute("mayReadAccessLog", viewer.districtAdmin() || viewer.hasRole("SCHOOL_ADMIN"));
		return "directory/student";
	}

	private static Map<String, String> languageNames(Records.StudentRecord record, Locale locale) {
		return LanguageNames.of(record.guardians().stream().map(line -> line.guardian().preferredLanguage()).toList(),
				locale);
	}

	/** Summed up at the top of a student's page, so that nobody misses one. */
	record RestrictionInForce(GuardianView guardian, DirectoryCommands.RestrictionType type) {
	}

	/**
	 * What a search may name; every field is optional.
	 *
	 * @param language the primary subtag of a family's preferred language, e.g. {@code es}
	 */
	record SearchForm(@Size(max = 200) String q, @Size(max = 20) String grade, UUID schoolId, UUID classId,
			@Size(max = 35) String language) {

		/** Whether anything narrows the search, so that "no students" can say why. */
		public boolean filtered() {
			return Stream.of(q, grade, language).anyMatch(value -> value != null && !value.isBlank())
					|| schoolId != null || classId != null;
		}
	}
}
