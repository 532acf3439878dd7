package org.homeroom.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The access log keeps each disclosure for the district's period, seven years unless it says otherwise. */
@IntegrationTest
class AccessLogRetentionIntegrationTests {

	@Autowired
	AccessLogRetention retention;

	@Autowired
	PrivacySettings settings;

	@Autowired
	DistrictClock clock;

	@Autowired
	JdbcClient jdbc;

	final String actor = "retention-" + UUID.randomUUID() + "@district.test";

	@Test
	void entriesFromBeforeTheFirstDayOfTheSevenYearsGoAndLaterOnesStay() {
		assertThat(settings.accessLogRetention()).isEqualTo(Period.ofYears(7));
		Instant firstKeptDay = clock.today().minusYears(7).atStartOfDay(clock.zone()).toInstant();
		entry("older", firstKeptDay.minus(Duration.ofMinutes(1)));
		entry("within", firstKeptDay.plus(Duration.ofMinutes(1)));

		retention.deleteExpired();

		assertThat(entries()).containsExactly("within");
	}

	@Test
	void aDistrictsOwnPeriodIsKept() {
		entry("two-years-old", clock.now().minus(Duration.ofDays(2 * 366)));
		entry("half-a-year-old", clock.now().minus(Duration.ofDays(183)));

		new AccessLogRetention(jdbc, clock, new PrivacySettings(Period.ofYears(1))).deleteExpired();

		assertThat(entries()).containsExactly("half-a-year-old");
	}

	private void entry(String what, Instant at) {
		jdbc.sql("""
				insert into privacy.access_log (id, actor, student_id, what, student_count, at)
				values (?, ?, ?, ?, 1, ?)""")
			.params(UUID.randomUUID(), actor, UUID.randomUUID(), what, Timestamp.from(at))
			.update();
	}

	private java.util.List<String> entries() {
		return jdbc.sql("select what from privacy.access_log where actor = ?").param(actor).query(String.class).list();
	}
}
