package org.homeroom.messaging.officehours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Districts;
import org.homeroom.directory.Viewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A district in Chicago served from a machine in Tokyo: office hours and the automatic answer are
 * read on Chicago's clock, and the answer speaks the family's language, with the day said as a
 * person says it ("tomorrow", "Monday") and the time as that language writes it.
 */
@IntegrationTest
@TestPropertySource(properties = "homeroom.directory.time-zone=America/Chicago")
class OfficeHoursIntegrationTests {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@Autowired
	OfficeHours officeHours;

	@Autowired
	JdbcClient jdbc;

	TimeZone serverZone;

	UUID rivera;

	@BeforeEach
	void aTeacherOnTheSchoolDayAndAServerInTokyo() {
		serverZone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
		rivera = Districts.in(jdbc).staff("Ana", "Rivera", "rivera." + UUID.randomUUID() + "@school.test");
	}

	@AfterEach
	void theServersZoneBack() {
		TimeZone.setDefault(serverZone);
	}

	@Test
	void withoutHoursOfTheirOwnStaffKeepTheSchoolDayOnChicagosClock() {
		assertThat(officeHours.open(rivera, chicago("2026-12-07T08:30"))).as("Monday 8:30 AM in Chicago, 11:30 PM in Tokyo").isTrue();
		assertThat(officeHours.open(rivera, chicago("2026-12-07T17:30"))).as("Monday 5:30 PM in Chicago, Tuesday 8:30 AM in Tokyo")
			.isFalse();
		assertThat(officeHours.nextOpening(rivera, chicago("2026-12-07T17:30")))
			.contains(ZonedDateTime.of(2026, 12, 8, 8, 0, 0, 0, CHICAGO));
	}

	@Test
	void aFamilyWritingOnFridayEveningIsToldMondayInItsLanguage() {
		Instant fridayEvening = chicago("2026-12-11T18:00");
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", fridayEvening, Locale.ENGLISH))
			.contains("Ms. Rivera is out of office hours. You can expect a reply from Monday at 8:00 AM.");
		assertThat(officeHours.automaticAnswer(rivera, "Sra. Rivera", fridayEvening, Locale.forLanguageTag("es")))
			.contains("Sra. Rivera está fuera de su horario de atención. Puede esperar una respuesta a partir del lunes a las 8:00.");
		assertThat(officeHours.automaticAnswer(rivera, "Sra. Rivera", fridayEvening, Locale.forLanguageTag("es-MX")).orElseThrow())
			.as("a regional Spanish gets the Spanish words, its time as that region writes it")
			.startsWith("Sra. Rivera está fuera de su horario de atención. Puede esperar una respuesta a partir del lunes a las ");
		assertThat(officeHours.automaticAnswer(rivera, "أ. ريفيرا", fridayEvening, Locale.forLanguageTag("ar")).orElseThrow())
			.startsWith("أ. ريفيرا خارج ساعات المكتب الآن.").contains("الاثنين").contains("8:00");
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", fridayEvening, Locale.forLanguageTag("vi")).orElseThrow())
			.as("Vietnamese is a family language: its shipped words").startsWith("Ms. Rivera hiện ngoài giờ làm việc.");
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", fridayEvening, Locale.forLanguageTag("hmn")))
			.as("a language without shipped words gets English")
			.contains("Ms. Rivera is out of office hours. You can expect a reply from Monday at 8:00 AM.");
	}

	@Test
	void aDistrictsOwnWordsForTheAnswerWinOverTheShippedOnes(
			@Autowired org.springframework.test.web.servlet.MockMvc mvc) throws Exception {
		var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user("texts.admin@district.test").roles("DISTRICT_ADMIN");
		var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/admin/translation/texts/officehours.answer/es").with(admin).with(csrf)
			.param("text", "{0} no está disponible ahora; le contestará {1}. Gracias por escribir.")).andReturn().getResponse()
			.getStatus()).isEqualTo(302);
		try {
			assertThat(officeHours.automaticAnswer(rivera, "Sra. Rivera", chicago("2026-12-11T18:00"), Locale.forLanguageTag("es")))
				.contains("Sra. Rivera no está disponible ahora; le contestará a partir del lunes a las 8:00. Gracias por escribir.");
			assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", chicago("2026-12-11T18:00"), Locale.ENGLISH))
				.as("English keeps the shipped words")
				.contains("Ms. Rivera is out of office hours. You can expect a reply from Monday at 8:00 AM.");
		}
		finally {
			mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.post("/admin/translation/texts/officehours.answer/es/restore").with(admin).with(csrf));
		}
	}

	@Test
	void theDayIsSaidAsAPersonSaysItOnTheDistrictsCalendar() {
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", chicago("2026-12-08T06:15"), Locale.ENGLISH))
			.contains("Ms. Rivera is out of office hours. You can expect a reply from today at 8:00 AM.");
		// 9 PM on Monday in Chicago is already Tuesday noon in Tokyo: "tomorrow" is Chicago's tomorrow.
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", chicago("2026-12-07T21:00"), Locale.forLanguageTag("es")))
			.contains("Ms. Rivera está fuera de su horario de atención. Puede esperar una respuesta a partir de mañana a las 8:00.");
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", chicago("2026-12-07T10:00"), Locale.ENGLISH))
			.as("in office hours, no automatic answer").isEmpty();
	}

	@Test
	void ownHoursReplaceTheDefaultAndTheNoteFollowsTheAnswer() {
		officeHours.save(Viewer.staff(rivera), WeeklyHours.parse("TUE,THU 13:00-17:30"), "  Out until Tuesday  ");

		Instant mondayMorning = chicago("2026-12-07T09:00");
		assertThat(officeHours.open(rivera, mondayMorning)).isFalse();
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", mondayMorning, Locale.ENGLISH)).contains("""
				Ms. Rivera is out of office hours. You can expect a reply from tomorrow at 1:00 PM.
				Note from Ms. Rivera: Out until Tuesday""");
		assertThat(officeHours.open(rivera, chicago("2026-12-08T17:00"))).isTrue();
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", chicago("2026-12-11T09:00"), Locale.ENGLISH).orElseThrow())
			.as("Friday to the Tuesday after: within six days, the weekday says which")
			.startsWith("Ms. Rivera is out of office hours. You can expect a reply from Tuesday at 1:00 PM.");

		officeHours.save(Viewer.staff(rivera), WeeklyHours.none(), null);
		assertThat(officeHours.open(rivera, mondayMorning)).as("no hours of one's own: the school day again").isTrue();
	}

	@Test
	void aReplyMoreThanSixDaysAwayNamesItsDate() {
		officeHours.save(Viewer.staff(rivera), WeeklyHours.parse("WED 13:00-15:00"), null);
		assertThat(officeHours.automaticAnswer(rivera, "Ms. Rivera", chicago("2026-12-09T16:00"), Locale.ENGLISH))
			.contains("Ms. Rivera is out of office hours. You can expect a reply from Wednesday, December 16, 2026, at 1:00 PM.");
		assertThat(officeHours.automaticAnswer(rivera, "Sra. Rivera", chicago("2026-12-09T16:00"), Locale.forLanguageTag("es")))
			.contains("Sra. Rivera está fuera de su horario de atención. Puede esperar una respuesta a partir del miércoles, "
					+ "16 de diciembre de 2026, a las 13:00.");
	}

	@Test
	void staffOfAnotherRecordAreUntouchedBySaving() {
		UUID other = Districts.in(jdbc).staff("Omar", "Haddad", null);
		officeHours.save(Viewer.staff(rivera), WeeklyHours.parse("SAT 10:00-11:00"), null);
		assertThat(officeHours.schedule(other).own()).isFalse();
		assertThat(officeHours.schedule(rivera).hours().intervals()).hasSize(1);
		assertThat(List.of(officeHours.open(other, chicago("2026-12-12T10:30")), officeHours.open(rivera, chicago("2026-12-12T10:30"))))
			.containsExactly(false, true);
	}

	private static Instant chicago(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
	}
}
