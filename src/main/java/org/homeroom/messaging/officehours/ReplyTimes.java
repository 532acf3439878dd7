package org.homeroom.messaging.officehours;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * When a reply may be expected, said as a family says it: "from today at 1:00 PM", "from tomorrow
 * at 8:00 AM", "from Monday at 8:00 AM" within the coming week, and with the date beyond it. The
 * day is counted on the district's clock from the moment the family wrote; the time follows the
 * language's own conventions (8:00 AM in English, 8:00 in Spanish), and the words around it, with
 * their prepositions, come from the bundles, since "from" is "a partir de hoy" but "a partir del
 * lunes" in Spanish.
 */
@Component
class ReplyTimes {

	/** Further than this many days ahead, a weekday alone would not say which one. */
	private static final int A_WEEK = 6;

	private final MessageSource words;

	ReplyTimes(MessageSource words) {
		this.words = words;
	}

	String from(ZonedDateTime opening, Instant now, Locale locale) {
		long days = ChronoUnit.DAYS.between(now.atZone(opening.getZone()).toLocalDate(), opening.toLocalDate());
		String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(opening);
		if (days <= 0) {
			return words.getMessage("officehours.from.today", new Object[] { time }, locale);
		}
		if (days == 1) {
			return words.getMessage("officehours.from.tomorrow", new Object[] { time }, locale);
		}
		if (days <= A_WEEK) {
			String weekday = DateTimeFormatter.ofPattern("EEEE", locale).format(opening);
			return words.getMessage("officehours.from.weekday", new Object[] { weekday, time }, locale);
		}
		String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(opening);
		return words.getMessage("officehours.from.date", new Object[] { date, time }, locale);
	}

	/** A time of day alone, in the reader's language: 4:00 PM, or 16:00. */
	static String time(LocalTime time, Locale locale) {
		return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(time);
	}
}
