package org.homeroom.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.InvalidInputException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The district's clock: its time zone, and "now" and "today" read on it. A school's day is the
 * district's day wherever the server runs, so enrolments, restrictions, quiet hours and every time
 * shown on a page are read against this zone and never against the JVM's default.
 *
 * <p>The zone is {@code HOMEROOM_TIME_ZONE} when the server sets it; otherwise the one recorded for
 * the district (by the demo, or by an administrator on the Administration page). The recorded one
 * is read from the database once and then kept for a minute, so that a busy page does not ask for
 * it on every call; whatever changes the district's record calls {@link #forget()}.
 *
 * <p>Outside demo mode Homeroom does not start without a zone: a guessed one would put every
 * "today" and every quiet hour off by hours without anyone noticing. In demo mode the demo district
 * brings its own; until it is seeded the clock reads UTC.
 */
@Service
public class DistrictClock implements SmartInitializingSingleton {

	private static final Duration KEPT_FOR = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Optional<ZoneId> fixed;

	private final DemoSettings demo;

	private final AtomicReference<Known> known = new AtomicReference<>();

	DistrictClock(JdbcClient jdbc, Clock clock, DirectorySettings settings, DemoSettings demo) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.fixed = settings.fixedZone();
		this.demo = demo;
	}

	/** After the schema is migrated and before the server takes a request: refuses to run on a guessed zone. */
	@Override
	public void afterSingletonsInstantiated() {
		if (fixed.isEmpty() && !demo.enabled() && recordedZone().isEmpty()) {
			throw new IllegalStateException("The district has no time zone. Set HOMEROOM_TIME_ZONE to its IANA name "
					+ "(for example America/Chicago): every date and quiet hour in Homeroom is read on that clock");
		}
	}

	/** The district's time zone. */
	public ZoneId zone() {
		if (fixed.isPresent()) {
			return fixed.get();
		}
		Instant now = clock.instant();
		Known current = known.get();
		if (current == null || now.isAfter(current.readAt().plus(KEPT_FOR))) {
			Optional<ZoneId> recorded = recordedZone();
			if (recorded.isEmpty()) {
				return ZoneId.of("UTC");
			}
			current = new Known(recorded.get(), now);
			known.set(current);
		}
		return current.zone();
	}

	/** Whether {@code HOMEROOM_TIME_ZONE} fixes the zone, so that no administrator may change it. */
	public boolean fixedByServer() {
		return fixed.isPresent();
	}

	/** Today in the district: the day enrolments and restrictions are read against. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone()));
	}

	/** This moment. */
	public Instant now() {
		return clock.instant();
	}

	/** Forgets the kept zone, after the district's record changed (an import, a setting). */
	public void forget() {
		known.set(null);
	}

	/**
	 * Records the district's zone, for a district administrator, when the server does not fix it.
	 * One statement in its own transaction, so that the kept zone is forgotten only once the new one
	 * can be read.
	 */
	void changeZone(Viewer viewer, ZoneId zone) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("Only a district administrator may change the district's time zone");
		}
		if (fixed.isPresent()) {
			throw new InvalidInputException("timeZone", "The time zone is fixed by HOMEROOM_TIME_ZONE");
		}
		int changed = jdbc.sql("update directory.district set time_zone = ?").param(zone.getId()).update();
		if (changed == 0) {
			throw new InvalidInputException("timeZone", "No district is recorded yet: import the roster first");
		}
		forget();
	}

	/** Whether the name is one of the IANA zones this JVM knows. */
	static boolean isZoneName(String name) {
		return ZoneId.getAvailableZoneIds().contains(name);
	}

	/** The zones an administrator may choose from: the IANA regions ("America/Chicago") and UTC, by name. */
	static List<String> zoneNames() {
		return ZoneId.getAvailableZoneIds()
			.stream()
			.filter(name -> name.equals("UTC") || (name.contains("/") && !name.startsWith("Etc/") && !name.startsWith("SystemV/")))
			.sorted()
			.toList();
	}

	private Optional<ZoneId> recordedZone() {
		return jdbc.sql("select time_zone from directory.district").query(String.class).optional().map(ZoneId::of);
	}

	private record Known(ZoneId zone, Instant readAt) {
	}
}
