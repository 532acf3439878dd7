package org.homeroom.messaging.officehours;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.StaffAdministration;
import org.homeroom.directory.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A member of staff sets their own office hours on their account: a week of days, each with up to
 * two spans (the morning and the afternoon around a lunch break), and a note for families. Times
 * are chosen in quarter hours from lists that read as the reader reads a clock (4:00 PM in English,
 * 16:00 in Spanish); what is sent is ISO 8601. The page shows the answer a family writing now
 * would get. Families and partners get 404, as for any page about a record that is not theirs.
 */
@Controller
class OfficeHoursPageController {

	static final String PATH = "/account/office-hours";

	/** Spans a day offers: enough for a morning and an afternoon. */
	static final int SPANS_PER_DAY = 2;

	private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());

	private static final List<LocalTime> QUARTER_HOURS = IntStream.range(0, 24 * 4)
		.mapToObj(quarter -> LocalTime.of(quarter / 4, quarter % 4 * 15))
		.toList();

	private final OfficeHours officeHours;

	private final StaffAdministration staff;

	private final DistrictClock clock;

	private final MessageSource words;

	OfficeHoursPageController(OfficeHours officeHours, StaffAdministration staff, DistrictClock clock, MessageSource words) {
		this.officeHours = officeHours;
		this.staff = staff;
		this.clock = clock;
		this.words = words;
	}

	@GetMapping(PATH)
	String show(Viewer viewer, Locale locale, Model model) {
		viewer.requireStaffFor("office hours");
		Optional<UUID> staffId = viewer.staffId();
		if (staffId.isEmpty()) {
			// An administrator's account without a staff record: there is nobody for families to write to.
			model.addAttribute("noStaffRecord", true);
			return "messaging/office-hours";
		}
		OfficeHours.Schedule schedule = officeHours.schedule(staffId.get());
		if (!model.containsAttribute("officeHoursForm")) {
			model.addAttribute("officeHoursForm", OfficeHoursForm.of(schedule.own() ? schedule.hours() : WeeklyHours.none(), schedule.note()));
		}
		return page(staffId.get(), schedule, locale, model);
	}

	/**
	 * Saves the week. The form is read from the request here rather than bound by Spring, whose
	 * binding of an indexed list fails with a 500 on an index no form sends ({@code spans[99999]}).
	 */
	@PostMapping(PATH)
	String save(Viewer viewer, @RequestParam MultiValueMap<String, String> params, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		UUID staffId = OfficeHours.staffIdOf(viewer);
		OfficeHoursForm form = OfficeHoursForm.from(params);
		BindingResult result = new BeanPropertyBindingResult(form, "officeHoursForm");
		WeeklyHours hours = read(form, result);
		if (hours == null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("officeHoursForm", form);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "officeHoursForm", result);
			return page(staffId, officeHours.schedule(staffId), locale, model);
		}
		officeHours.save(viewer, hours, form.note());
		redirect.addFlashAttribute("saved", true);
		return "redirect:" + PATH;
	}

	/**
	 * The week the form describes, or null with each fault beside its field: a span needs both ends,
	 * ends after it starts, and does not overlap the day's other span.
	 */
	static WeeklyHours read(OfficeHoursForm form, BindingResult result) {
		List<WeeklyHours.Interval> intervals = new ArrayList<>();
		if (form.extra()) {
			result.reject("officehours.error.spans");
		}
		if (form.note().length() > OfficeHoursForm.NOTE_LIMIT) {
			result.rejectValue("note", "officehours.error.note-long", new Object[] { OfficeHoursForm.NOTE_LIMIT }, null);
		}
		else if (form.note().indexOf('\0') >= 0) {
			// The rule every bound text field follows (platform's input rules), applied here since this form is read by hand.
			result.rejectValue("note", "typeMismatch.java.lang.String");
		}
		List<Span> spans = form.spans();
		for (int index = 0; index < spans.size(); index++) {
			Span span = spans.get(index);
			String field = "spans[" + index + "]";
			Optional<LocalTime> start = time(span.start(), field + ".start", result);
			Optional<LocalTime> end = time(span.end(), field + ".end", result);
			if (start.isPresent() && end.isEmpty() && blank(span.end())) {
				result.rejectValue(field + ".end", "officehours.error.end-missing");
			}
			else if (end.isPresent() && start.isEmpty() && blank(span.start())) {
				result.rejectValue(field + ".start", "officehours.error.start-missing");
			}
			else if (start.isPresent() && end.isPresent()) {
				if (!end.get().isAfter(start.get())) {
					result.rejectValue(field + ".end", "officehours.error.end-before-start");
					continue;
				}
				WeeklyHours.Interval interval = new WeeklyHours.Interval(dayOf(index), start.get(), end.get());
				if (intervals.stream().anyMatch(interval::overlaps)) {
					result.rejectValue(field + ".start", "officehours.error.overlap");
					continue;
				}
				intervals.add(interval);
			}
		}
		return result.hasErrors() ? null : new WeeklyHours(intervals);
	}

	private String page(UUID staffId, OfficeHours.Schedule schedule, Locale locale, Model model) {
		model.addAttribute("days", IntStream.range(0, WEEK.size())
			.mapToObj(day -> new Day(WEEK.get(day), dayName(WEEK.get(day), locale),
					IntStream.range(day * SPANS_PER_DAY, (day + 1) * SPANS_PER_DAY).boxed().toList()))
			.toList());
		model.addAttribute("times", QUARTER_HOURS.stream()
			.map(time -> new TimeChoice(time.toString(), ReplyTimes.time(time, locale)))
			.toList());
		model.addAttribute("own", schedule.own());
		model.addAttribute("defaults", describe(officeHours.defaults(), locale));
		model.addAttribute("noteLimit", OfficeHoursForm.NOTE_LIMIT);
		String name = staff.staffRecord(staffId).map(StaffAdministration.StaffMember::name).orElse("");
		model.addAttribute("answerNow", officeHours.automaticAnswer(staffId, name, clock.now(), locale).orElse(null));
		return "messaging/office-hours";
	}

	/** Each span of a week in words: "Monday: 8:00 AM – 4:00 PM". */
	private List<String> describe(WeeklyHours hours, Locale locale) {
		return hours.intervals().stream()
			.map(span -> words.getMessage("officehours.span",
					new Object[] { dayName(span.day(), locale), ReplyTimes.time(span.start(), locale), ReplyTimes.time(span.end(), locale) },
					locale))
			.toList();
	}

	private static String dayName(DayOfWeek day, Locale locale) {
		String name = day.getDisplayName(TextStyle.FULL_STANDALONE, locale);
		return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
	}

	static DayOfWeek dayOf(int spanIndex) {
		return WEEK.get(spanIndex / SPANS_PER_DAY);
	}

	private static Optional<LocalTime> time(String value, String field, BindingResult result) {
		if (blank(value)) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalTime.parse(value.strip()));
		}
		catch (DateTimeParseException ex) {
			result.rejectValue(field, "officehours.error.time");
			return Optional.empty();
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * The form: {@code spans} in week order, {@link #SPANS_PER_DAY} for each day from Monday, each
	 * "HH:mm" or empty. A day without a span has no office hours; a week without any keeps the
	 * district's default. {@code extra} says the request named spans no form has.
	 */
	record OfficeHoursForm(List<Span> spans, String note, boolean extra) {

		static final int NOTE_LIMIT = 200;

		private static final Pattern SPAN_FIELD = Pattern.compile("spans\\[(\\d+)]\\.(start|end)");

		OfficeHoursForm {
			spans = List.copyOf(spans);
			note = note == null ? "" : note;
		}

		static OfficeHoursForm from(MultiValueMap<String, String> params) {
			String[][] times = new String[WEEK.size() * SPANS_PER_DAY][2];
			boolean extra = false;
			for (String name : params.keySet()) {
				Matcher field = SPAN_FIELD.matcher(name);
				if (!field.matches()) {
					continue;
				}
				int index = field.group(1).length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(field.group(1));
				if (index >= times.length) {
					extra = true;
					continue;
				}
				times[index]["start".equals(field.group(2)) ? 0 : 1] = params.getFirst(name);
			}
			List<Span> spans = new ArrayList<>();
			for (String[] span : times) {
				spans.add(new Span(span[0] == null ? "" : span[0], span[1] == null ? "" : span[1]));
			}
			return new OfficeHoursForm(spans, params.getFirst("note"), extra);
		}

		static OfficeHoursForm of(WeeklyHours hours, String note) {
			List<Span> spans = new ArrayList<>();
			for (DayOfWeek day : WEEK) {
				List<WeeklyHours.Interval> ofDay = hours.on(day);
				for (int slot = 0; slot < SPANS_PER_DAY; slot++) {
					spans.add(slot < ofDay.size() ? new Span(ofDay.get(slot).start().toString(), ofDay.get(slot).end().toString())
							: new Span("", ""));
				}
			}
			return new OfficeHoursForm(spans, note, false);
		}
	}

	/** One span of a day, as sent: times of day such as "08:00", or empty. */
	record Span(String start, String end) {
	}

	record Day(DayOfWeek day, String name, List<Integer> spans) {
	}

	record TimeChoice(String value, String label) {
	}
}
