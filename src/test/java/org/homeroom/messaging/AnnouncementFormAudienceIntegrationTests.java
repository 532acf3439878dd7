package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A teacher's announcement form starts from her own classes, ticked; lists only the schools where
 * she has a role; and offers the grades those schools have, to tick, which the preview then uses.
 */
@IntegrationTest
class AnnouncementFormAudienceIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Test
	void theTeachersOwnClassesComeFirstAndOnlyHerSchoolsAndTheirGradesAreOffered() throws Exception {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID lincoln = given.school("Lincoln " + run);
		UUID elsewhere = given.school("Elsewhere " + run);
		UUID maya = given.student("Maya", "03");
		given.enrol(maya, lincoln, clock.today().minusMonths(1), null);
		UUID omar = given.student("Omar", "05");
		given.enrol(omar, lincoln, clock.today().minusMonths(1), null);
		UUID far = given.student("Far", "11");
		given.enrol(far, elsewhere, clock.today().minusMonths(1), null);
		given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail("rosa." + run + "@family.example");
		given.aGuardian("Luis").ofStudent(omar).withEducationalRights().reachableByEmail("luis." + run + "@family.example");
		UUID lee = given.staff("Ms", "Lee" + run, "lee." + run + "@lincoln.test");
		given.assign(lee, lincoln, "TEACHER");
		UUID section = given.aSection("Reading 3 " + run).at(lincoln).taughtBy(lee).id();
		given.enrolInSection(section, maya, clock.today().minusDays(10), null);
		RequestPostProcessor teacher = user("lee." + run + "@lincoln.test").roles("TEACHER");

		Document form = Jsoup.parse(mvc.perform(get("/announcements/new").with(teacher).header("Accept-Language", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(form.select("#audience-heading ~ fieldset, #audience-heading ~ div").first().id()).isEqualTo("own-classes");
		assertThat(form.select("#own-classes label").text()).startsWith("Reading 3 " + run);
		assertThat(form.select("#own-classes input[type=checkbox]").attr("value")).isEqualTo(section.toString());
		assertThat(form.select("#own-classes input[type=checkbox]").hasAttr("checked")).as("her classes are the default").isTrue();
		assertThat(form.select("#schoolIds option").eachText()).containsExactly("Lincoln " + run);
		assertThat(form.select("#grades input[name=grades]").eachAttr("value")).containsExactly("03", "05");
		assertThat(form.select("#grades label").eachText()).containsExactly("Grade 3", "Grade 5");

		Document preview = Jsoup.parse(mvc.perform(post("/announcements/new").with(teacher).with(csrf())
			.header("Accept-Language", "en").param("schoolIds", lincoln.toString()).param("grades", "03", "05")
			.param("category", "GENERAL").param("channels", "IN_APP").param("subject", "Hello").param("body", "Hi"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(preview.select("#form-errors")).isEmpty();
		// Omar is in grade 5 at her school, but not in her class: a teacher reaches only the families she may see.
		assertThat(preview.select("#preview-heading").text()).isEqualTo("It will reach 1 family");
		assertThat(preview.select("#grades input[checked]").eachAttr("value")).containsExactly("03", "05");
	}
}
