package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With no translation engine configured, Homeroom still works, and the preview tells a school
 * administrator exactly who will receive untranslated text: every family whose language is not
 * English, by language.
 */
@IntegrationTest
class AnnouncementTranslationPreviewWithoutEnginesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	@Test
	void everyFamilyThatDoesNotReadEnglishIsListedByLanguage() throws Exception {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Jefferson Elementary " + run);
		UUID principal = given.staff("Mr Ortiz", "ortiz." + run + "@jefferson.test");
		given.assign(principal, school, "SCHOOL_ADMIN");
		for (String[] family : new String[][] { { "Mary", "en" }, { "Rosa", "es" }, { "Elena", "es" }, { "Ahmed", "so" } }) {
			UUID child = given.student(family[0] + "'s child", "03");
			given.enrol(child, school, districtClock.today().minusMonths(1), null);
			given.aGuardian(family[0]).ofStudent(child).withEducationalRights().speaking(family[1])
				.reachableByEmail(family[0].toLowerCase() + "." + run + "@family.example");
		}

		MockHttpServletResponse response = mvc.perform(post("/announcements/new/translations").with(csrf())
			.with(user("ortiz." + run + "@jefferson.test").roles("SCHOOL_ADMIN"))
			.param("schoolIds", school.toString()).param("category", "GENERAL").param("channels", "EMAIL")
			.param("subject", "No school on Monday").param("body", "Dear {guardianName}, the school is closed on Monday."))
			.andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		Document page = Jsoup.parse(response.getContentAsString());
		assertThat(page.select("#no-engine").text()).startsWith("No translation engine is configured");
		assertThat(page.select("#untranslated h3").text()).isEqualTo("No engine can translate this for 3 families");
		assertThat(page.select("#untranslated li").eachText()).containsExactlyInAnyOrder(
				"Spanish: 2 families (no engine is set up for this language)",
				"Somali: 1 family (no engine is set up for this language)");
		assertThat(page.select("#translations article[data-language=en]").text()).contains("Original: written in this language");
		assertThat(page.select("#translations article[data-language=es]").text()).contains("No translation",
				"No school on Monday", "Este mensaje está en inglés. Para pedir un intérprete, llame a la oficina de su escuela.");
	}
}
