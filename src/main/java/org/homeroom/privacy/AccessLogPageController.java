package org.homeroom.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Directory;
import org.homeroom.platform.Paging;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The access log as a page, for district administrators (the whole log) and school administrators
 * (one student they may see at a time, usually reached from that student's page). Days are read
 * in the district's time zone, and "until" includes its day.
 */
@Controller
class AccessLogPageController {

	private final AccessLog log;

	private final AccessLogReaders readers;

	private final Directory directory;

	AccessLogPageController(AccessLog log, AccessLogReaders readers, Directory directory) {
		this.log = log;
		this.readers = readers;
		this.directory = directory;
	}

	@GetMapping("/access-log")
	String search(Authentication caller, @Validated @ModelAttribute("filter") FilterForm form, BindingResult result,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		AccessLogReaders.Reader reader = readers.readerOf(caller, false);
		model.addAttribute("wholeLog", reader.wholeLog());
		if (result.hasErrors()) {
			return "privacy/access-log";
		}
		if (!reader.wholeLog() && form.studentId() == null) {
			model.addAttribute("studentRequired", true);
			return "privacy/access-log";
		}
		readers.requireMayRead(reader, form.studentId());
		ZoneId zone = directory.timeZone();
		AccessLog.Page found = log.search(new AccessLog.Filter(form.studentId(), form.reader(), startOf(form.from(), zone),
				startOf(form.until() == null ? null : form.until().plusDays(1), zone), page));
		model.addAttribute("entries", found.entries().stream().map(entry -> Line.of(entry, zone)).toList());
		model.addAttribute("paging", Paging.of(request, found.page(), found.size(), found.total(),
				found.entries().size()));
		return "privacy/access-log";
	}

	private static Instant startOf(LocalDate day, ZoneId zone) {
		return day == null ? null : day.atStartOfDay(zone).toInstant();
	}

	/**
	 * @param reader part of a reader's sign-in name
	 * @param until the last day to include
	 */
	record FilterForm(UUID studentId, @Size(max = 320) String reader, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until) {
	}

	/** An entry as the page shows it: at the district's time, and a search by the criteria it used. */
	record Line(ZonedDateTime at, String actor, UUID studentId, String what, String purpose, String query,
			int studentCount) {

		static Line of(AccessLog.Entry entry, ZoneId zone) {
			return new Line(entry.at().atZone(zone), entry.actor(), entry.studentId(), entry.what(), entry.purpose(),
					usedCriteria(entry.query()), entry.studentCount());
		}

		/** "schoolId=&grade=07&q=" says no more than "grade=07". */
		private static String usedCriteria(String query) {
			if (query == null) {
				return null;
			}
			return Arrays.stream(query.split("&"))
				.filter(pair -> pair.indexOf('=') < pair.length() - 1 && !pair.equals("page=0"))
				.collect(Collectors.joining(" · "));
		}
	}
}
