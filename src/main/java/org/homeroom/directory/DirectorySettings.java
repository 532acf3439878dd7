package org.homeroom.directory;

import java.time.ZoneId;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultRegion the ISO 3166 region assumed for phone numbers written without a country
 *     code ({@code HOMEROOM_DEFAULT_REGION})
 * @param timeZone the district's time zone as an IANA name ({@code HOMEROOM_TIME_ZONE}); when set it
 *     wins over the zone recorded for the district, and administrators cannot change it. Empty
 *     means the recorded one.
 */
@ConfigurationProperties("homeroom.directory")
record DirectorySettings(@DefaultValue("US") String defaultRegion, String timeZone) {

	DirectorySettings {
		timeZone = timeZone == null ? "" : timeZone.strip();
		if (!timeZone.isEmpty() && !DistrictClock.isZoneName(timeZone)) {
			// Said at start-up, where an operator reads it, rather than guessed around later.
			throw new IllegalArgumentException("HOMEROOM_TIME_ZONE (homeroom.directory.time-zone) is not an IANA time zone: '"
					+ timeZone + "'. Use a name such as America/Chicago or Europe/Madrid");
		}
	}

	/** The zone the server's setting fixes, if it fixes one. */
	Optional<ZoneId> fixedZone() {
		return timeZone.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(timeZone));
	}
}
