package org.homeroom.messaging.officehours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A teacher sets her office hours on her account: the week's grid saves, what she cannot mean
 * comes back as a 400 with the reason beside the field and nothing saved, and the times read as
 * her language writes them. A family is told the page does not exist.
 */
@IntegrationTest
class OfficeHoursPageIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	UUID teacherId;

	RequestPostProcessor teacher;

	@BeforeEach
	void aTeacher() {
		String email = "hours." + UUID.randomUUID() + "@school.test";
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Office Hours " + UUID.randomUUID().toString().substring(0, 8));
		teacherId = given.staff("Ana", "Rivera", email);
		given.assign(teacherId, school, "TEACHER");
		teacher = user(email).roles("TEACHER");
	}

	@Test
	void withNoHoursOfHerOwnTheTeacherSeesTheSchoolDayAndAnEmptyWeek() throws Exception {
		Document page = page(get("/account/office-hours"), 200);

		assertThat(page.select("h1").text()).isEqualTo("Your office hours");
		assertThat(page.select("#default-hours li").eachText()).containsExactly("Monday: 8:00 AM to 4:00 PM",
				"Tuesday: 8:00 AM to 4:00 PM", "Wednesday: 8:00 AM to 4:00 PM", "Thursday: 8:00 AM to 4:00 PM",
				"Friday: 8:00 AM to 4:00 PM");
		assertThat(page.select("fieldset legend").eachText()).containsExactly("Monday", "Tuesday", "Wednesday", "Thursday",
				"Friday", "Saturday", "Sunday");
		assertThat(page.select("label[for=span-0-start]").text()).isEqualTo("From");
		assertThat(page.select("select#span-0-start").attr("name")).isEqualTo("spans[0].start");
		assertThat(page.select("select#span-0-start option[selected]").val()).isEmpty();
		assertThat(page.select("select#span-0-end option[value=16:00]").text()).isEqualTo("4:00 PM");
	}

	@Test
	void inSpanishTheTimesReadOnATwentyFourHourClock() throws Exception {
		Document page = page(get("/account/office-hours").param("lang", "es"), 200);

		assertThat(page.select("select#span-0-end option[value=16:00]").text()).isEqualTo("16:00");
		assertThat(page.select("fieldset legend").first().text()).isEqualTo("Lunes");
		assertThat(page.select("#default-hours li").first().text()).isEqualTo("Lunes: de 8:00 a 16:00");
	}

	@Test
	void theWeekSavesAndComesBackAsSaved() throws Exception {
		mvc.perform(post("/account/office-hours").with(teacher).with(csrf())
				.param("spans[0].start", "08:00").param("spans[0].end", "12:00")
				.param("spans[1].start", "13:00").param("spans[1].end", "16:30")
				.param("spans[4].start", "09:15").param("spans[4].end", "11:00")
				.param("note", "Out until Monday"))
			.andExpect(redirectedUrl("/account/office-hours"));

		assertThat(intervals()).containsExactly("1 08:00:00-12:00:00", "1 13:00:00-16:30:00", "3 09:15:00-11:00:00");
		Document page = page(get("/account/office-hours"), 200);
		assertThat(page.select("select#span-1-end option[selected]").val()).isEqualTo("16:30");
		assertThat(page.select("select#span-4-start option[selected]").val()).isEqualTo("09:15");
		assertThat(page.select("select#span-2-start option[selected]").val()).as("Tuesday stays empty").isEmpty();
		assertThat(page.select("#note").val()).isEqualTo("Out until Monday");
		assertThat(page.select("#default-hours")).as("her own hours, not the default").isEmpty();

		mvc.perform(post("/account/office-hours").with(teacher).with(csrf()).param("note", ""))
			.andExpect(redirectedUrl("/account/office-hours"));
		assertThat(intervals()).as("an empty week is the school day again").isEmpty();
		assertThat(page(get("/account/office-hours"), 200).select("#default-hours li")).hasSize(5);
	}

	@Test
	void anEndBeforeItsStartIsRefusedBesideTheEnd() throws Exception {
		Document page = page(post("/account/office-hours").with(csrf()).param("spans[0].start", "12:00").param("spans[0].end", "08:00"),
				400);

		assertThat(page.select("#span-0-end-error").text()).isEqualTo("Choose an end after the start.");
		assertThat(page.select("select#span-0-end").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("select#span-0-end").attr("aria-describedby")).isEqualTo("span-0-end-error");
		assertThat(page.select("select#span-0-start option[selected]").val()).as("what she chose is kept").isEqualTo("12:00");
		assertThat(page.select("#form-errors")).hasSize(1);
		assertThat(intervals()).isEmpty();
	}

	@Test
	void overlappingSpansAndHalfChosenSpansAreRefusedBesideTheirFields() throws Exception {
		Document page = page(post("/account/office-hours").with(csrf())
			.param("spans[0].start", "08:00").param("spans[0].end", "12:00")
			.param("spans[1].start", "11:00").param("spans[1].end", "13:00")
			.param("spans[2].start", "09:00")
			.param("spans[5].end", "15:00"), 400);

		assertThat(page.select("#span-1-start-error").text()).isEqualTo("These hours overlap the other hours of the day.");
		assertThat(page.select("#span-2-end-error").text()).isEqualTo("Choose when these hours end.");
		assertThat(page.select("#span-5-start-error").text()).isEqualTo("Choose when these hours start.");
		assertThat(page.select(".field-error")).hasSize(3);
		assertThat(intervals()).isEmpty();
	}

	@Test
	void whatNoFormSendsIsA400NeverA500() throws Exception {
		assertThat(page(post("/account/office-hours").with(csrf()).param("spans[0].start", "25:00").param("spans[0].end", "26:00"),
				400).select("#span-0-start-error").text()).isEqualTo("Choose a time from the list.");
		assertThat(page(post("/account/office-hours").with(csrf()).param("spans[0].start", "08:00:00:00:00")
			.param("spans[0].end", "09:00"), 400).select("#span-0-start-error").text()).isEqualTo("Choose a time from the list.");
		assertThat(page(post("/account/office-hours").with(csrf()).param("note", "x".repeat(201)), 400)
			.select("#note-error").text()).isEqualTo("Use at most 200 characters.");
		assertThat(page(post("/account/office-hours").with(csrf()).param("note", "Out\u0000"), 400).select("#note-error").text())
			.startsWith("This text holds a character that cannot be kept");
		assertThat(statusOf(post("/account/office-hours").with(csrf()).param("spans[14].start", "08:00")
			.param("spans[14].end", "09:00"))).isEqualTo(400);
		assertThat(statusOf(post("/account/office-hours").with(csrf()).param("spans[99999].start", "08:00"))).isBetween(400, 499);
		assertThat(intervals()).isEmpty();
	}

	@Test
	void aFamilyIsToldThePageDoesNotExist() throws Exception {
		RequestPostProcessor family = user("family:" + UUID.randomUUID()).roles("FAMILY");
		assertThat(mvc.perform(get("/account/office-hours").with(family)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/account/office-hours").with(family).with(csrf()).param("spans[0].start", "08:00")
			.param("spans[0].end", "09:00")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void anAdministratorWithoutAStaffRecordIsToldThereAreNoHoursToSet() throws Exception {
		RequestPostProcessor admin = user("hours.admin." + UUID.randomUUID() + "@district.test").roles("DISTRICT_ADMIN");
		Document page = Jsoup.parse(mvc.perform(get("/account/office-hours").with(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("main").text()).contains("your account is not linked to a staff record");
		assertThat(page.select("form.office-hours")).isEmpty();
		assertThat(mvc.perform(post("/account/office-hours").with(admin).with(csrf()).param("spans[0].start", "08:00")
			.param("spans[0].end", "09:00")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	private List<String> intervals() {
		return jdbc.sql("""
				select weekday || ' ' || starts || '-' || ends from messaging.office_hours_interval
				where staff_id = ? order by weekday, starts""")
			.param(teacherId).query(String.class).list();
	}

	private Document page(MockHttpServletRequestBuilder request, int status) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(teacher)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return Jsoup.parse(response.getContentAsString());
	}

	private int statusOf(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(teacher)).andReturn().getResponse().getStatus();
	}
}
