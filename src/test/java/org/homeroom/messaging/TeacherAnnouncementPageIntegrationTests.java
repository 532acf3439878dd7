package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
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
 * A teacher writes to their class's families from the web form. Only district administrators see
 * the "every family in the district" checkbox, so a teacher's form posts no value for it; that must
 * lead to a preview and a Send button, and any error must be shown where the teacher can see it.
 */
@IntegrationTest
class TeacherAnnouncementPageIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	Districts given;

	UUID lincoln;

	RequestPostProcessor teacher;

	@BeforeEach
	void aTeacherWithAClass() {
		given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		lincoln = given.school("Lincoln Middle " + run);
		UUID maya = given.student("Maya", "07");
		given.enrol(maya, lincoln, districtClock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights()
			.reachableByEmail("rosa." + run + "@family.example")
			.id();
		UUID lee = given.staff("Ms Lee", "lee." + run + "@lincoln.test");
		given.assign(lee, lincoln, "TEACHER");
		UUID section = given.aSection("Maths 7").at(lincoln).taughtBy(lee).id();
		given.enrolInSection(section, maya, districtClock.today().minusDays(10), null);
		teacher = user("lee." + run + "@lincoln.test").roles("TEACHER");
	}

	@Test
	void aTeachersPreviewShowsWhomItReachesAndSendingLeadsToTheAnnouncement() throws Exception {
		Document preview = page(announcement("preview"));

		assertThat(preview.select("#form-errors")).as("nothing is wrong").isEmpty();
		assertThat(preview.select("#district")).as("a teacher has no district checkbox").isEmpty();
		assertThat(preview.select("#preview-heading").text()).isEqualTo("It will reach 1 family");
		assertThat(preview.select("button[name=action][value=send]").text()).isEqualTo("Send to 1 family");
		assertThat(preview.select("#preview-heading ~ .table-wrap td").eachText()).as("languages by name")
			.containsExactly("English", "1");

		MockHttpServletResponse sent = mvc.perform(announcement("send").with(teacher)).andReturn().getResponse();
		assertThat(sent.getRedirectedUrl()).matches("/announcements/[0-9a-f-]{36}");
	}

	@Test
	void anErrorOnAFieldTheTeacherCannotSeeIsShownAtTheTopOfTheForm() throws Exception {
		Document refused = page(announcement("preview").param("district", "true"));

		assertThat(refused.select("#preview-heading")).isEmpty();
		assertThat(refused.select("#form-errors").text())
			.contains("The announcement was not checked. Correct what is marked and try again.")
			.contains("Only a district administrator may write to every family in the district.");
	}

	@Test
	void anErrorOnAVisibleFieldIsShownBesideIt() throws Exception {
		Document refused = page(announcement("preview", ""));

		assertThat(refused.select("#subject ~ .field-error").text()).isEqualTo("This is needed.");
		assertThat(refused.select("#form-errors").text())
			.isEqualTo("The announcement was not checked. Correct what is marked and try again.");
	}

	private MockHttpServletRequestBuilder announcement(String action) {
		return announcement(action, "Homework");
	}

	private MockHttpServletRequestBuilder announcement(String action, String subject) {
		return post("/announcements/new").with(csrf()).param("schoolIds", lincoln.toString()).param("category", "GENERAL")
			.param("channels", "IN_APP").param("subject", subject).param("body", "Dear {guardianName}, chapter 3.")
			.param("action", action);
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(teacher)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}
}
