package org.homeroom.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.StudentSearch;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.Paging;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The access log as a page, for district administrators (the whole log) and school administrators
 * (one student they may see at a time, found by name or reached from that student's page). Days
 * are read in the district's time zone, and "until" includes its day.
 */
@Controller
class AccessLogPageController {

	/** Why the page's own search for a student by name is in the log too: it shows students' names. */
	static final String PURPOSE = "access-log";

	private static final int MATCHES_SHOWN = 20;

	private final AccessLog log;

	private final AccessLogReaders readers;

	private final AccessLogLines lines;

	private final Directory directory;

	private final DistrictClock clock;

	AccessLogPageController(AccessLog log, AccessLogReaders readers, AccessLogLines lines, Directory directory,
			DistrictClock clock) {
		this.clock = clock;
		this.log = log;
		this.readers = readers;
		this.lines = lines;
		this.directory = directory;
	}

	@GetMapping("/access-log")
	String search(Viewer viewer, @Validated @ModelAttribute("filter") FilterForm form, BindingResult result,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Locale locale, Model model) {
		AccessLogReaders.Reader reader = readers.readerOf(viewer, false);
		model.addAttribute("wholeLog", reader.wholeLog());
		model.addAttribute("studentChosen", !result.hasErrors() && form.studentId() != null);
		if (result.hasErrors()) {
			return "privacy/access-log";
		}
		if (form.studentId() == null && form.student() != null && !form.student().isBlank()) {
			StudentSearch.Page matches = directory.searchStudents(reader.viewer(), viewer.name(), PURPOSE,
					new StudentSearch.Criteria(null, null, form.student(), null, null, 0, MATCHES_SHOWN));
			model.addAttribute("matches", matches.items());
			model.addAttribute("moreMatches", matches.total() > matches.items().size());
			return "privacy/access-log";
		}
		if (!reader.wholeLog() && form.studentId() == null) {
			model.addAttribute("studentRequired", true);
			return "privacy/access-log";
		}
		readers.requireMayRead(reader, form.studentId());
		if (form.studentId() != null) {
			model.addAttribute("studentName",
					directory.visibleStudentNames(reader.viewer(), List.of(form.studentId())).get(form.studentId()));
		}
		ZoneId zone = clock.zone();
		AccessLog.Page found = log.search(new AccessLog.Filter(form.studentId(), form.reader(), startOf(form.from(), zone),
				startOf(form.until() == null ? null : form.until().plusDays(1), zone), page));
		model.addAttribute("entries", lines.of(found.entries(), reader.viewer(), locale));
		model.addAttribute("paging", Paging.of(request, found.page(), found.size(), found.total(),
				found.entries().size()));
		return "privacy/access-log";
	}

	private static Instant startOf(LocalDate day, ZoneId zone) {
		return day == null ? null : day.atStartOfDay(zone).toInstant();
	}

	/**
	 * @param studentId the student chosen, from the list of those found by name or from their page
	 * @param student all or part of a student's name, to find the student by
	 * @param reader part of a reader's sign-in name
	 * @param until the last day to include
	 */
	record FilterForm(UUID studentId, @Size(max = 200) String student, @Size(max = 320) String reader,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until) {
	}
}
