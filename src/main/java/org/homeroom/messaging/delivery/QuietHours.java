package org.homeroom.messaging.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.homeroom.messaging.Category;

/**
 * Quiet hours, 21:00 to 07:00 in the district's time zone unless configured otherwise: nothing
 * but an urgent message reaches a family's phone at night. A window may cross midnight.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

	/** When a delivery of this category that is due at {@code due} may go out. */
	public Instant allowedFrom(Instant due, Category category) {
		if (category == Category.URGENT || !quiet(due)) {
			return due;
		}
		ZonedDateTime local = due.atZone(zone);
		ZonedDateTime endToday = local.with(end);
		return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
	}

	/** Whether this moment falls in quiet hours, on the district's clock. */
	public boolean quiet(Instant moment) {
		if (start.equals(end)) {
			return false;
		}
		LocalTime time = moment.atZone(zone).toLocalTime();
		return start.isAfter(end) ? !time.isBefore(start) || time.isBefore(end) : !time.isBefore(start) && time.isBefore(end);
	}
}
