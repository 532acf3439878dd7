package org.homeroom.messaging;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Quiet hours, 21:00 to 07:00 in the district's time zone unless configured otherwise: nothing
 * but an urgent message reaches a family's phone at night. A window may cross midnight.
 */
record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

	/** When a delivery of this category that is due at {@code due} may go out. */
	Instant allowedFrom(Instant due, Category category) {
		if (category == Category.URGENT || start.equals(end)) {
			return due;
		}
		ZonedDateTime local = due.atZone(zone);
		LocalTime time = local.toLocalTime();
		boolean crossesMidnight = start.isAfter(end);
		boolean quiet = crossesMidnight ? !time.isBefore(start) || time.isBefore(end)
				: !time.isBefore(start) && time.isBefore(end);
		if (!quiet) {
			return due;
		}
		ZonedDateTime endToday = local.with(end);
		return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
	}
}
