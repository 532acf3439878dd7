package org.homeroom.platform;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Moments as people read them: on the district's clock (a school's day is the district's day,
 * wherever the server runs) and in the reader's own language, e.g. "Dec 7, 2026, 1:05 PM" in
 * English, "7 dic 2026, 13:05" in Spanish. Machine-readable forms stay ISO 8601 in
 * {@code <time datetime>}.
 */
public final class DisplayTimes {

	private DisplayTimes() {
	}

	/** A date with a time of day, in the given zone and language. */
	public static String dateTime(Instant at, ZoneId zone, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.format(at.atZone(zone));
	}
}
