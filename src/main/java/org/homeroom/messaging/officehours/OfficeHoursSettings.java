package org.homeroom.messaging.officehours;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * @param defaultHours {@code homeroom.messaging.office-hours.default}: the office hours of a member
 *     of staff who has set none, on the district's clock, in the form {@link WeeklyHours#parse}
 *     reads ({@code MON-FRI 08:00-16:00}, the school day, unless set otherwise). Empty means no
 *     default: such staff keep no office hours, and families writing to them get no automatic answer.
 *     A value Homeroom cannot read stops it at start-up, rather than answering families wrongly.
 */
@ConfigurationProperties("homeroom.messaging.office-hours")
record OfficeHoursSettings(@Name("default") @DefaultValue("MON-FRI 08:00-16:00") String defaultHours) {

	OfficeHoursSettings {
		WeeklyHours.parse(defaultHours);
	}

	WeeklyHours defaults() {
		return WeeklyHours.parse(defaultHours);
	}
}
