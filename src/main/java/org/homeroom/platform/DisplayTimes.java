package org.homeroom.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Moments as people read them: on a given clock (the district's, since a school's day is the
 * district's day wherever the server runs) and in the reader's own language. Near moments are
 * read against today, as a person says them: "today 4:05 PM", "yesterday 9:12 AM", "tomorrow
 * 7:00 AM", "Mon 2:03 PM" within the past week; anything further is a full date and time,
 * "Dec 7, 2026, 1:05 PM" ("7 dic 2026 13:05" in Spanish). The day and time follow the language's
 * own conventions (the JDK's CLDR data); the words "today", "yesterday" and "tomorrow" come from
 * the message bundles, since the JDK has no relative-day words. Machine-readable forms stay
 * ISO 8601 in {@code <time datetime>}.
 */
@Component
public class DisplayTimes {

	/**
	 * How many days back a moment is named by its weekday rather than its date. Only back: in a
	 * list that mixes sent and scheduled moments, "Tue" would not say which Tuesday.
	 */
	private static final int A_WEEK = 6;

	private final MessageSource words;

	public DisplayTimes(MessageSource words) {
		this.words = words;
	}

	/** A moment as read at {@code now}, on the clock of {@code zone}; null for no moment. */
	public String moment(Instant at, Instant now, ZoneId zone, Locale locale) {
		if (at == null) {
			return null;
		}
		ZonedDateTime local = at.atZone(zone);
		long days = ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(), local.toLocalDate());
		String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(local);
		if (days == 0) {
			return words.getMessage("time.today", new Object[] { time }, locale);
		}
		if (days == -1) {
			return words.getMessage("time.yesterday", new Object[] { time }, locale);
		}
		if (days == 1) {
			return words.getMessage("time.tomorrow", new Object[] { time }, locale);
		}
		if (days < 0 && days >= -A_WEEK) {
			String weekday = DateTimeFormatter.ofPattern("EEE", locale).format(local);
			return words.getMessage("time.weekday", new Object[] { weekday, time }, locale);
		}
		return dateTime(at, zone, locale);
	}

	/** A date with a time of day, in the given zone and language, whatever day it is. */
	public String dateTime(Instant at, ZoneId zone, Locale locale) {
		if (at == null) {
			return null;
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.format(at.atZone(zone));
	}

	/** A day without a time (a due date, the first day of an enrolment), in the given language. */
	public String date(LocalDate date, Locale locale) {
		if (date == null) {
			return null;
		}
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
	}
}
