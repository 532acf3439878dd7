package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Moments as people read them, against a fixed "now": Monday 7 December 2026, 4:30 PM in Chicago
 * (already Tuesday in UTC). The JDK's spaces in times (a narrow no-break space before "PM" on newer
 * JDKs) are read as plain spaces.
 */
class DisplayTimesTests {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private static final Instant NOW = chicago(2026, 12, 7, 16, 30);

	private static final Locale ENGLISH = Locale.ENGLISH;

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	private static final Locale ARABIC = Locale.forLanguageTag("ar");

	private final DisplayTimes times = new DisplayTimes(bundles());

	@Test
	void aMomentOfTodayIsTodayAndItsTime() {
		Instant at = chicago(2026, 12, 7, 16, 5);

		assertThat(moment(at, ENGLISH)).isEqualTo("today 4:05 PM");
		assertThat(moment(at, SPANISH)).isEqualTo("hoy 16:05");
		assertThat(moment(at, ARABIC)).isEqualTo("اليوم 4:05 م");
	}

	@Test
	void aMomentOfTheDayBeforeIsYesterday() {
		Instant at = chicago(2026, 12, 6, 9, 12);

		assertThat(moment(at, ENGLISH)).isEqualTo("yesterday 9:12 AM");
		assertThat(moment(at, SPANISH)).isEqualTo("ayer 9:12");
		assertThat(moment(at, ARABIC)).isEqualTo("أمس 9:12 ص");
	}

	@Test
	void aMomentEarlierInTheWeekIsItsWeekday() {
		Instant thursday = chicago(2026, 12, 3, 14, 3);

		assertThat(moment(thursday, ENGLISH)).isEqualTo("Thu 2:03 PM");
		assertThat(moment(thursday, SPANISH)).isEqualTo("jue 14:03");
		assertThat(moment(thursday, ARABIC)).isEqualTo("الخميس 2:03 م");
		assertThat(moment(chicago(2026, 12, 1, 8, 0), ENGLISH)).as("six days back").isEqualTo("Tue 8:00 AM");
	}

	@Test
	void anOlderMomentIsItsDateAndTime() {
		Instant aWeekAgo = chicago(2026, 11, 30, 13, 5);

		assertThat(moment(aWeekAgo, ENGLISH)).isEqualTo("Nov 30, 2026, 1:05 PM");
		assertThat(moment(aWeekAgo, SPANISH)).isEqualTo("30 nov 2026 13:05");
		assertThat(moment(aWeekAgo, ARABIC)).isEqualTo("30\u200f/11\u200f/2026, 1:05 م");
	}

	@Test
	void tomorrowIsTomorrowAndLaterIsADateSinceAWeekdayWouldNotSayWhichWeek() {
		assertThat(moment(chicago(2026, 12, 8, 7, 0), ENGLISH)).isEqualTo("tomorrow 7:00 AM");
		assertThat(moment(chicago(2026, 12, 8, 7, 0), SPANISH)).isEqualTo("mañana 7:00");
		assertThat(moment(chicago(2026, 12, 9, 7, 0), ENGLISH)).isEqualTo("Dec 9, 2026, 7:00 AM");
	}

	@Test
	void theDayIsTheDayOnTheGivenClockNotInUtc() {
		Instant eveningInChicago = Instant.parse("2026-12-08T03:15:00Z");
		Instant earlyInUtc = Instant.parse("2026-12-07T01:00:00Z");

		assertThat(moment(eveningInChicago, ENGLISH)).as("Tuesday in UTC, Monday evening in Chicago")
			.isEqualTo("today 9:15 PM");
		assertThat(moment(earlyInUtc, ENGLISH)).as("Monday in UTC, Sunday evening in Chicago")
			.isEqualTo("yesterday 7:00 PM");
	}

	@Test
	void aDayWithoutATimeIsTheLanguagesMediumDate() {
		LocalDate due = LocalDate.of(2026, 12, 18);

		assertThat(times.date(due, ENGLISH)).isEqualTo("Dec 18, 2026");
		assertThat(times.date(due, SPANISH)).isEqualTo("18 dic 2026");
		assertThat(times.date(due, ARABIC)).isEqualTo("18\u200f/12\u200f/2026");
	}

	@Test
	void noMomentIsNothingToShow() {
		assertThat(times.moment(null, NOW, CHICAGO, ENGLISH)).isNull();
		assertThat(times.date(null, ENGLISH)).isNull();
	}

	private String moment(Instant at, Locale locale) {
		return times.moment(at, NOW, CHICAGO, locale).replace('\u202f', ' ');
	}

	private static Instant chicago(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(CHICAGO).toInstant();
	}

	private static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
		bundles.setBasename("messages/platform");
		bundles.setDefaultEncoding("UTF-8");
		bundles.setFallbackToSystemLocale(false);
		return bundles;
	}
}
