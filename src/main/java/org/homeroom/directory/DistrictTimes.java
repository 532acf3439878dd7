package org.homeroom.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.homeroom.platform.DisplayTimes;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every time a page shows, on the district's clock and in the reader's language: templates write
 * {@code ${@times.moment(message.sentAt())}} or {@code ${@times.date(task.due())}} and never
 * format a time themselves, so no page can fall back to the server's zone or an ISO pattern. The
 * reader's language is the request's (see {@code HomeroomLocaleResolver}).
 */
@Component("times")
public class DistrictTimes {

	private final DistrictClock clock;

	private final DisplayTimes display;

	DistrictTimes(DistrictClock clock, DisplayTimes display) {
		this.clock = clock;
		this.display = display;
	}

	/** A moment as the reader reads it now: "today 4:05 PM", "yesterday 9:12 AM", "Mon 2:03 PM", or a date and time. */
	public String moment(Instant at) {
		return moment(at, LocaleContextHolder.getLocale());
	}

	/** A moment as a reader of the given language reads it now. */
	public String moment(Instant at, Locale locale) {
		return display.moment(at, clock.now(), clock.zone(), locale);
	}

	/**
	 * The district's day of a moment, without its time (the day two-step sign-in was turned on). Named
	 * apart from {@link #date(LocalDate)} so that a template passing null is not ambiguous.
	 */
	public String dayOf(Instant at) {
		return at == null ? null : date(at.atZone(clock.zone()).toLocalDate());
	}

	/** A day without a time, such as a due date. */
	public String date(LocalDate day) {
		return display.date(day, LocaleContextHolder.getLocale());
	}
}
