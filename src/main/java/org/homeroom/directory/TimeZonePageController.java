package org.homeroom.directory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The district's time zone, on the Administration page, for district administrators: chosen here
 * unless the server's {@code HOMEROOM_TIME_ZONE} fixes it, in which case the page says so and offers
 * no form.
 */
@Controller
class TimeZonePageController {

	static final String PATH = "/admin/time-zone";

	private final DistrictClock clock;

	TimeZonePageController(DistrictClock clock) {
		this.clock = clock;
	}

	@GetMapping(PATH)
	String page(Viewer viewer, Locale locale, Model model) {
		requireDistrictAdmin(viewer);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new TimeZoneForm(clock.zone().getId()));
		}
		ZoneId zone = clock.zone();
		model.addAttribute("zone", zone.getId());
		model.addAttribute("zoneName", zone.getDisplayName(TextStyle.FULL, locale));
		model.addAttribute("fixed", clock.fixedByServer());
		Instant now = clock.now();
		model.addAttribute("now", now);
		model.addAttribute("zones", DistrictClock.zoneNames().stream().map(name -> ZoneChoice.of(name, now, locale)).toList());
		return "directory/time-zone";
	}

	@PostMapping(PATH)
	String change(Viewer viewer, @ModelAttribute("form") TimeZoneForm form,
			BindingResult result, Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		requireDistrictAdmin(viewer);
		String name = form.timeZone() == null ? "" : form.timeZone().strip();
		if (clock.fixedByServer()) {
			result.rejectValue("timeZone", "time-zone.fixed");
		}
		else if (name.length() > TimeZoneForm.MAX_LENGTH || !DistrictClock.isZoneName(name)) {
			result.rejectValue("timeZone", "time-zone.unknown");
		}
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(viewer, locale, model);
		}
		clock.changeZone(viewer, ZoneId.of(name));
		redirect.addFlashAttribute("saved", true);
		return "redirect:" + PATH;
	}

	private static void requireDistrictAdmin(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("The district's time zone is for district administrators");
		}
	}

	/**
	 * One zone in the list, named so that an administrator can tell it is theirs: the IANA name they
	 * may know, the zone's name in their language ("Central Time") and its offset from UTC today.
	 */
	record ZoneChoice(String id, String name, String offset) {

		private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

		static ZoneChoice of(String id, Instant now, Locale locale) {
			ZoneId zone = ZoneId.of(id);
			return new ZoneChoice(id, zone.getDisplayName(TextStyle.FULL, locale), OFFSET.format(now.atZone(zone)));
		}
	}

	/** @param timeZone an IANA name; no zone's name is longer than {@link #MAX_LENGTH} */
	record TimeZoneForm(String timeZone) {

		static final int MAX_LENGTH = 64;
	}
}
