package org.homeroom.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The district's clock: its time zone, and "now" and "today" read on it. A school's day is the
 * district's day wherever the server runs, so enrolments, restrictions, quiet hours and every time
 * shown on a page are read against this zone and never against the JVM's default.
 *
 * <p>The zone is read from the database once and then kept for a minute, so that a busy page does
 * not ask for it on every call; whatever changes the district's record calls {@link #forget()}.
 * Until a district is recorded (a fresh install before its first import) the clock reads UTC.
 */
@Service
public class DistrictClock {

	private static final Duration KEPT_FOR = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicReference<Known> known = new AtomicReference<>();

	DistrictClock(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The district's time zone. */
	public ZoneId zone() {
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

	private Optional<ZoneId> recordedZone() {
		return jdbc.sql("select time_zone from directory.district").query(String.class).optional().map(ZoneId::of);
	}

	private record Known(ZoneId zone, Instant readAt) {
	}
}
