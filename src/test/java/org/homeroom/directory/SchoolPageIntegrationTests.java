package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Administration → Schools in the demo district (three Riverside schools, region US): a district
 * administrator sets any school's office phone, written as people write it and kept in E.164; a
 * number that cannot be called is a form error beside the field; an emptied field asks before it
 * forgets the number; the principal keeps Riverside Middle only; a teacher is refused.
 */
@IntegrationTest(properties = "homeroom.demo.enabled=true")
class SchoolPageIntegrationTests {

	static final RequestPostProcessor DISTRICT_ADMIN = user("schools.admin@district.test").roles("DISTRICT_ADMIN");

	static final RequestPostProcessor PRINCIPAL = user("principal@demo.homeroom.test").roles("SCHOOL_ADMIN");

	static final RequestPostProcessor TEACHER = user("teacher@demo.homeroom.test").roles("TEACHER");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OfficePhones officePhones;

	@AfterEach
	void demoPhonesAgain() {
		jdbc.sql("update directory.school set office_phone = '+13125550101' where name = 'Riverside Elementary'").update();
		jdbc.sql("update directory.school set office_phone = '+13125550102' where name = 'Riverside Middle'").update();
		jdbc.sql("update directory.school set office_phone = '+13125550103' where name = 'Riverside High'").update();
	}

	@Test
	void aDistrictAdministratorSetsAnOfficePhoneThatFamiliesAreThenToldToCall() throws Exception {
		UUID high = school("Riverside High");
		Document list = page(get("/admin/schools").param("q", "riverside").with(DISTRICT_ADMIN));
		assertThat(list.select("tbody tr td:first-child").eachText())
			.containsExactly("Riverside Elementary", "Riverside High", "Riverside Middle");
		assertThat(list.select("tbody tr").get(1).select("td").get(1).text()).isEqualTo("High school");
		assertThat(list.select("tbody tr").get(1).select("td").get(2).text()).as("shown as dialled in the US")
			.isEqualTo("(312) 555-0103");

		mvc.perform(post("/admin/schools/{id}", high).param("officePhone", " 202 555 0143 ").with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/admin/schools"))
			.andExpect(flash().attribute("savedPhone", "(202) 555-0143"));

		assertThat(phoneOf(high)).isEqualTo("+12025550143");
		assertThat(officePhones.ofSchools(java.util.List.of(high))).singleElement()
			.satisfies(office -> assertThat(office.phone()).isEqualTo("(202) 555-0143"));
		Document form = page(get("/admin/schools/{id}", high).with(DISTRICT_ADMIN));
		assertThat(form.select("input[name=officePhone]").val()).isEqualTo("(202) 555-0143");
	}

	@Test
	void aNumberThatCannotBeCalledIsA400NamingTheFieldInTheReadersLanguage() throws Exception {
		UUID high = school("Riverside High");
		String body = mvc.perform(post("/admin/schools/{id}", high).param("officePhone", "555-CALL-US-NOW")
			.param("lang", "es").with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		Document page = Jsoup.parse(body);
		assertThat(page.select("input[name=officePhone]").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#officePhone-error").text())
			.isEqualTo("Este no es un número de teléfono al que se pueda llamar. Escríbalo con su código de área, o con + y el código del país.");

		String tooLong = mvc.perform(post("/admin/schools/{id}", high).param("officePhone", "1".repeat(41))
			.with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(tooLong).select("#officePhone-error").text()).isEqualTo("A phone number has at most 40 characters.");
		assertThat(phoneOf(high)).as("unchanged").isEqualTo("+13125550103");
	}

	@Test
	void anEmptiedFieldAsksFirstAndThenForgetsTheNumber() throws Exception {
		UUID high = school("Riverside High");
		Document question = page(post("/admin/schools/{id}", high).param("officePhone", "").with(DISTRICT_ADMIN).with(csrf()));
		assertThat(question.select("h1").text()).isEqualTo("Remove the office phone?");
		assertThat(question.select("main p").eachText()).contains("Remove (312) 555-0103, the office phone of Riverside High?");
		assertThat(question.select("main form").attr("action")).isEqualTo("/admin/schools/" + high + "/clear");
		assertThat(phoneOf(high)).as("not yet removed").isEqualTo("+13125550103");

		mvc.perform(post("/admin/schools/{id}/clear", high).with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/admin/schools"));

		assertThat(phoneOf(high)).isNull();
		assertThat(officePhones.ofSchools(java.util.List.of(high))).as("the interpreter line names no number").isEmpty();
	}

	@Test
	void thePrincipalKeepsTheirOwnSchoolOnly() throws Exception {
		UUID middle = school("Riverside Middle");
		UUID high = school("Riverside High");
		Document list = page(get("/admin/schools").with(PRINCIPAL));
		assertThat(list.select("tbody tr td:first-child").eachText()).containsExactly("Riverside Middle");

		mvc.perform(post("/admin/schools/{id}", middle).param("officePhone", "+1 312 555 0177").with(PRINCIPAL).with(csrf()))
			.andExpect(redirectedUrl("/admin/schools"));
		assertThat(phoneOf(middle)).isEqualTo("+13125550177");

		mvc.perform(get("/admin/schools/{id}", high).with(PRINCIPAL)).andExpect(status().isForbidden());
		mvc.perform(post("/admin/schools/{id}", high).param("officePhone", "+1 312 555 0177").with(PRINCIPAL).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/schools/{id}/clear", high).with(PRINCIPAL).with(csrf())).andExpect(status().isForbidden());
		assertThat(phoneOf(high)).isEqualTo("+13125550103");
	}

	@Test
	void aTeacherIsRefusedAndSeesNoEntryForIt() throws Exception {
		UUID middle = school("Riverside Middle");
		mvc.perform(get("/admin/schools").with(TEACHER)).andExpect(status().isForbidden());
		mvc.perform(get("/admin/schools/{id}", middle).with(TEACHER)).andExpect(status().isForbidden());
		mvc.perform(post("/admin/schools/{id}", middle).param("officePhone", "+1 312 555 0177").with(TEACHER).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(phoneOf(middle)).isEqualTo("+13125550102");

		Document principalAdmin = page(get("/admin").with(PRINCIPAL));
		assertThat(principalAdmin.select("main a[href=/admin/schools]")).as("the principal's Administration card").isNotEmpty();
		mvc.perform(get("/admin").with(TEACHER)).andReturn().getResponse().getContentAsString()
			.lines().forEach(line -> assertThat(line).doesNotContain("href=\"/admin/schools\""));
	}

	@Test
	void theListIsPagedAndSearched() throws Exception {
		Districts given = Districts.in(jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 27; i++) {
			given.school("Paging Academy %s %02d".formatted(tag, i));
		}
		String q = "academy " + tag;
		Document first = page(get("/admin/schools").param("q", q).with(DISTRICT_ADMIN));
		assertThat(first.select("tbody tr")).hasSize(25);
		assertThat(first.select("a[rel=next]").attr("href")).isEqualTo("/admin/schools?q=academy+" + tag + "&page=1");
		Document second = page(get("/admin/schools").param("q", q).param("page", "1").with(DISTRICT_ADMIN));
		assertThat(second.select("tbody tr td:first-child").eachText())
			.containsExactly("Paging Academy " + tag + " 25", "Paging Academy " + tag + " 26");
		assertThat(page(get("/admin/schools").param("q", "100%").with(DISTRICT_ADMIN)).select(".empty-state h2").text())
			.isEqualTo("No school matches");
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private UUID school(String name) {
		return jdbc.sql("select id from directory.school where name = ?").param(name).query(UUID.class).single();
	}

	private String phoneOf(UUID school) {
		return jdbc.sql("select office_phone from directory.school where id = ?").param(school).query(String.class).list().get(0);
	}
}
