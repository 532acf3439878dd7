package org.homeroom.messaging.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.homeroom.messaging.Category;
import org.junit.jupiter.api.Test;

class QuietHoursTests {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private final QuietHours nights = new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0), CHICAGO);

	@Test
	void aMessageWrittenLateAtNightWaitsUntilSevenInTheMorningInTheDistrictsTimeZone() {
		Instant lateEvening = Instant.parse("2026-12-02T04:30:00Z"); // 22:30 in Chicago on 1 December
		assertThat(nights.allowedFrom(lateEvening, Category.GENERAL)).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
		Instant earlyMorning = Instant.parse("2026-12-02T11:00:00Z"); // 05:00 in Chicago
		assertThat(nights.allowedFrom(earlyMorning, Category.EVENT)).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
	}

	@Test
	void daytimeMessagesAndUrgentOnesGoAtOnce() {
		Instant afternoon = Instant.parse("2026-12-02T20:00:00Z"); // 14:00 in Chicago
		assertThat(nights.allowedFrom(afternoon, Category.GENERAL)).isEqualTo(afternoon);
		Instant lateEvening = Instant.parse("2026-12-02T04:30:00Z");
		assertThat(nights.allowedFrom(lateEvening, Category.URGENT)).isEqualTo(lateEvening);
	}

	@Test
	void aWindowWithinOneDayIsHonouredToo() {
		QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));
		assertThat(lunch.allowedFrom(Instant.parse("2026-12-02T12:15:00Z"), Category.ATTENDANCE))
			.isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
		assertThat(lunch.allowedFrom(Instant.parse("2026-12-02T13:00:00Z"), Category.ATTENDANCE))
			.isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
	}
}
