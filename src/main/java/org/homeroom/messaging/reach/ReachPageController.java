package org.homeroom.messaging.reach;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reach page for administrators, and the same table as a CSV file to take into a spreadsheet.
 * Which schools a reader may choose, and what they are refused, is {@link ReachReports}'s rule.
 */
@Controller
class ReachPageController {

	static final String PATH = "/reports/reach";

	private final ReachReports reports;

	private final MessageSource messages;

	ReachPageController(ReachReports reports, MessageSource messages) {
		this.reports = reports;
		this.messages = messages;
	}

	@GetMapping(PATH)
	String reach(Viewer viewer, @RequestParam(defaultValue = "" + ReachReport.DEFAULT_DAYS) int days,
			@RequestParam(required = false) UUID school, Model model) {
		ReachReport report = report(viewer, days, school, LocaleContextHolder.getLocale());
		model.addAttribute("report", report);
		model.addAttribute("schools", reports.schools(viewer));
		model.addAttribute("districtAdmin", viewer.districtAdmin());
		model.addAttribute("periods", ReachReport.PERIODS);
		model.addAttribute("versions", ReachReport.VERSIONS);
		return "messaging/reach";
	}

	@GetMapping(PATH + ".csv")
	ResponseEntity<byte[]> csv(Viewer viewer, @RequestParam(defaultValue = "" + ReachReport.DEFAULT_DAYS) int days,
			@RequestParam(required = false) UUID school) {
		Locale reader = LocaleContextHolder.getLocale();
		ReachReport report = report(viewer, days, school, reader);
		String csv = ReachCsv.of(report, key -> messages.getMessage(key, null, reader));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("reach-" + report.from() + "-" + report.to() + ".csv").build().toString())
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	/** A period the page does not offer comes from an edited address: the error page, 400, naming the parameter. */
	private ReachReport report(Viewer viewer, int days, UUID school, Locale reader) {
		try {
			return reports.report(viewer, days, school, reader);
		}
		catch (InvalidInputException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.field() + ": " + ex.getMessage(), ex);
		}
	}

	@Bean
	static NavigationItem reachNavigation() {
		return NavigationItem.administration("reach.nav", PATH, 62, Set.of("SCHOOL_ADMIN", StaffRoles.DISTRICT_ADMIN));
	}
}
