package org.homeroom.messaging.officehours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Office hours on a district's wall clock: Chicago's school day, across the weekend, and across
 * both changes of clocks in 2026 (8 March, 2:00 becomes 3:00; 1 November, 2:00 becomes 1:00).
 */
class WeeklyHoursTests {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private static final WeeklyHours SCHOOL_DAY = WeeklyHours.parse("MON-FRI 08:00-16:00");

	@Test
	void theSchoolDayIsOpenFromEightUntilFourOnWeekdaysOnly() {
		assertThat(SCHOOL_DAY.intervals()).hasSize(5);
		// Monday 7 December 2026, Chicago (UTC-6).
		assertThat(SCHOOL_DAY.open(chicago("2026-12-07T07:59:59"), CHICAGO)).isFalse();
		assertThat(SCHOOL_DAY.open(chicago("2026-12-07T08:00:00"), CHICAGO)).isTrue();
		assertThat(SCHOOL_DAY.open(chicago("2026-12-07T15:59:59"), CHICAGO)).isTrue();
		assertThat(SCHOOL_DAY.open(chicago("2026-12-07T16:00:00"), CHICAGO)).isFalse();
		assertThat(SCHOOL_DAY.open(chicago("2026-12-12T10:00:00"), CHICAGO)).as("Saturday").isFalse();
	}

	@Test
	void afterFridaysHoursTheNextOpeningIsMondayMorningAcrossTheWeekend() {
		assertThat(SCHOOL_DAY.nextOpening(chicago("2026-12-11T16:00:00"), CHICAGO))
			.contains(ZonedDateTime.of(2026, 12, 14, 8, 0, 0, 0, CHICAGO));
		assertThat(SCHOOL_DAY.nextOpening(chicago("2026-12-13T23:59:00"), CHICAGO))
			.as("late on Sunday, the week's first day comes next")
			.contains(ZonedDateTime.of(2026, 12, 14, 8, 0, 0, 0, CHICAGO));
		assertThat(SCHOOL_DAY.nextOpening(chicago("2026-12-14T06:30:00"), CHICAGO))
			.contains(ZonedDateTime.of(2026, 12, 14, 8, 0, 0, 0, CHICAGO));
	}

	@Test
	void whileOpenTheNextOpeningIsNow() {
		Instant monday = chicago("2026-12-14T09:15:00");
		assertThat(SCHOOL_DAY.nextOpening(monday, CHICAGO)).contains(monday.atZone(CHICAGO));
	}

	@Test
	void onlyOneDayAWeekTheNextOpeningMayBeAWeekOn() {
		WeeklyHours wednesdays = WeeklyHours.parse("WED 13:00-15:00");
		assertThat(wednesdays.nextOpening(chicago("2026-12-09T15:30:00"), CHICAGO))
			.contains(ZonedDateTime.of(2026, 12, 16, 13, 0, 0, 0, CHICAGO));
		assertThat(WeeklyHours.none().nextOpening(chicago("2026-12-09T15:30:00"), CHICAGO)).isEmpty();
	}

	@Test
	void mondayAfterTheSpringChangeOpensAtEightOnTheNewClockAnHourEarlierInUtc() {
		// Friday 6 March 2026, 17:00 CST; the clocks go forward on Sunday 8 March.
		ZonedDateTime opening = SCHOOL_DAY.nextOpening(Instant.parse("2026-03-06T23:00:00Z"), CHICAGO).orElseThrow();
		assertThat(opening.toLocalDateTime()).hasToString("2026-03-09T08:00");
		assertThat(opening.toInstant()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
		assertThat(SCHOOL_DAY.open(Instant.parse("2026-03-09T13:30:00Z"), CHICAGO)).isTrue();
		assertThat(SCHOOL_DAY.open(Instant.parse("2026-03-06T14:30:00Z"), CHICAGO)).as("8:30 CST the Friday before").isTrue();
	}

	@Test
	void hoursStartingInTheSkippedHourOpenWhenTheClockComesOutOfIt() {
		WeeklyHours earlySunday = WeeklyHours.parse("SUN 02:00-04:00");
		ZonedDateTime opening = earlySunday.nextOpening(Instant.parse("2026-03-07T12:00:00Z"), CHICAGO).orElseThrow();
		assertThat(opening.toLocalDateTime()).hasToString("2026-03-08T03:00");
		assertThat(opening.toInstant()).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));

		WeeklyHours lost = WeeklyHours.parse("SUN 02:00-02:45");
		assertThat(lost.nextOpening(Instant.parse("2026-03-07T12:00:00Z"), CHICAGO).orElseThrow().toLocalDateTime())
			.as("hours wholly inside the skipped hour do not happen that Sunday")
			.hasToString("2026-03-15T02:00");
	}

	@Test
	void mondayAfterTheAutumnChangeOpensAtEightOnTheNewClockAnHourLaterInUtc() {
		// Friday 30 October 2026, 17:00 CDT; the clocks go back on Sunday 1 November.
		ZonedDateTime opening = SCHOOL_DAY.nextOpening(Instant.parse("2026-10-30T22:00:00Z"), CHICAGO).orElseThrow();
		assertThat(opening.toLocalDateTime()).hasToString("2026-11-02T08:00");
		assertThat(opening.toInstant()).isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
	}

	@Test
	void hoursInTheRepeatedHourAreOpenBothTimesItPasses() {
		WeeklyHours earlySunday = WeeklyHours.parse("SUN 01:00-02:00");
		assertThat(earlySunday.open(Instant.parse("2026-11-01T06:30:00Z"), CHICAGO)).as("1:30 CDT").isTrue();
		assertThat(earlySunday.open(Instant.parse("2026-11-01T07:30:00Z"), CHICAGO)).as("1:30 CST").isTrue();
		assertThat(earlySunday.open(Instant.parse("2026-11-01T08:30:00Z"), CHICAGO)).as("2:30 CST").isFalse();
	}

	@Test
	void theSameMomentIsReadOnTheDistrictsClockNotAnother() {
		Instant mondayEveningInTokyo = Instant.parse("2026-12-07T10:00:00Z");
		assertThat(SCHOOL_DAY.open(mondayEveningInTokyo, ZoneId.of("Asia/Tokyo"))).as("19:00 in Tokyo").isFalse();
		assertThat(SCHOOL_DAY.open(mondayEveningInTokyo, CHICAGO)).as("4:00 AM in Chicago").isFalse();
		Instant chicagoMorning = chicago("2026-12-07T09:00:00");
		assertThat(SCHOOL_DAY.open(chicagoMorning, CHICAGO)).isTrue();
		assertThat(SCHOOL_DAY.open(chicagoMorning, ZoneId.of("Asia/Tokyo"))).as("midnight in Tokyo").isFalse();
	}

	@Test
	void theSettingReadsDaysListsAndRanges() {
		WeeklyHours hours = WeeklyHours.parse("mon,wed 08:00-12:00; TUE 13:00-17:30");
		assertThat(hours.intervals()).containsExactly(
				new WeeklyHours.Interval(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
				new WeeklyHours.Interval(DayOfWeek.TUESDAY, LocalTime.of(13, 0), LocalTime.of(17, 30)),
				new WeeklyHours.Interval(DayOfWeek.WEDNESDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)));
		assertThat(hours.format()).isEqualTo("MON 08:00-12:00; TUE 13:00-17:30; WED 08:00-12:00");
		assertThat(WeeklyHours.parse(" ").isEmpty()).isTrue();
	}

	@Test
	void aSettingHomeroomCannotReadIsRefusedWithWhatIsWrong() {
		assertThatThrownBy(() -> WeeklyHours.parse("MON-FRI 8-16")).hasMessageContaining("08:00");
		assertThatThrownBy(() -> WeeklyHours.parse("FRI-MON 08:00-16:00")).hasMessageContaining("Monday towards Sunday");
		assertThatThrownBy(() -> WeeklyHours.parse("MON 16:00-08:00")).hasMessageContaining("end after they start");
		assertThatThrownBy(() -> WeeklyHours.parse("MON 08:00-12:00; MON 11:00-13:00")).hasMessageContaining("overlap");
		assertThatThrownBy(() -> WeeklyHours.parse("MONDAY 08:00-12:00")).hasMessageContaining("Not a day");
		assertThatThrownBy(() -> new OfficeHoursSettings("weekdays")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void spansThatMeetDoNotOverlap() {
		assertThat(new WeeklyHours(List.of(
				new WeeklyHours.Interval(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
				new WeeklyHours.Interval(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(16, 0)))).intervals()).hasSize(2);
	}

	private static Instant chicago(String localDateTime) {
		return java.time.LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
	}
}
