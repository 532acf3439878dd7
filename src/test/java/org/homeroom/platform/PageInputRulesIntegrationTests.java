package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The same rules as the API's on the pages: a form field holding a NUL character or a date past
 * any calendar comes back with the message beside the field, and a far page number answers 400;
 * none of them is a 500.
 */
@IntegrationTest
class PageInputRulesIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("input.pages.admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String run;

	UUID school;

	RequestPostProcessor teacher;

	@BeforeEach
	void aSchoolAndItsTeacher() {
		Districts given = Districts.in(jdbc);
		run = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Input Pages " + run);
		given.assign(given.staff("Lina", "lina.input." + run + "@school.test"), school, "TEACHER");
		teacher = user("lina.input." + run + "@school.test").roles("TEACHER");
	}

	@AfterEach
	void cleanUp() {
		jdbc.sql("delete from messaging.message_template where school_id = ?").param(school).update();
	}

	@Test
	void aNulCharacterInAFormFieldIsShownBesideTheField() throws Exception {
		Document form = page(post("/announcements/templates/new").with(csrf()).param("schoolId", school.toString())
			.param("name", "Picture day\u0000").param("category", "GENERAL").param("subject", "Picture day")
			.param("body", "See you there."), teacher);

		assertThat(form.select("#name ~ .field-error").text()).contains("NUL");
		assertThat(form.select("#subject ~ .field-error")).isEmpty();
	}

	@Test
	void aDatePastAnyCalendarIsShownBesideTheField() throws Exception {
		Document log = page(get("/access-log").param("from", "+999999999-12-31"), ADMIN);

		assertThat(log.select("#from-error").text()).isNotBlank();
	}

	@Test
	void aFarPageNumberIsABadRequestNotAFailure() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/tasks").param("page", "99999999").with(teacher))
			.andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(400);
	}

	private Document page(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(viewer)).andReturn().getResponse();
		assertThat(response.getStatus()).as("status of %s", request).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}
}
