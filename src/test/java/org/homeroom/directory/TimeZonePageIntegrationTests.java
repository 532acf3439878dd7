package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.ZoneId;

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
 * The district's time zone on the Administration page, where no server setting fixes it: the demo
 * district, recorded in America/Chicago. Only a district administrator may change it, and the
 * clock follows at once.
 */
@IntegrationTest(properties = { "homeroom.demo.enabled=true", "homeroom.directory.time-zone=" })
class TimeZonePageIntegrationTests {

	static final RequestPostProcessor DISTRICT_ADMIN = user("zone.admin@district.test").roles("DISTRICT_ADMIN");

	static final RequestPostProcessor PRINCIPAL = user("principal@demo.homeroom.test").roles("SCHOOL_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@AfterEach
	void backToChicago() {
		jdbc.sql("update directory.district set time_zone = 'America/Chicago'").update();
		clock.forget();
	}

	@Test
	void aDistrictAdministratorSetsTheZone() throws Exception {
		assertThat(clock.zone()).isEqualTo(ZoneId.of("America/Chicago"));
		Document page = Jsoup.parse(mvc.perform(get("/admin/time-zone").with(DISTRICT_ADMIN).param("lang", "es"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select("select[name=timeZone] option[selected]").attr("value")).isEqualTo("America/Chicago");
		assertThat(page.select("label[for=timeZone]").text()).isEqualTo("Zona horaria");
		assertThat(page.select("select[name=timeZone] option[selected]").text()).as("named in Spanish, with its offset")
			.matches("America/Chicago \u2014 hora central \\(UTC-0[56]:00\\)");
		assertThat(page.select("main a[href=/admin]").text()).isEqualTo("Administración");

		mvc.perform(post("/admin/time-zone").param("timeZone", "Pacific/Honolulu").with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/admin/time-zone"))
			.andExpect(flash().attribute("saved", true));

		assertThat(jdbc.sql("select time_zone from directory.district").query(String.class).single())
			.isEqualTo("Pacific/Honolulu");
		assertThat(clock.zone()).as("the kept zone is forgotten").isEqualTo(ZoneId.of("Pacific/Honolulu"));
	}

	@Test
	void anUnknownZoneIsAFormErrorBesideTheField() throws Exception {
		String body = mvc.perform(post("/admin/time-zone").param("timeZone", "Mars/Olympus_Mons").with(DISTRICT_ADMIN)
			.with(csrf())).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

		assertThat(Jsoup.parse(body).select("#timeZone-error").text()).isEqualTo("Choose a time zone from the list.");
		assertThat(clock.zone()).isEqualTo(ZoneId.of("America/Chicago"));
	}

	@Test
	void aSchoolAdministratorCannotSetTheZone() throws Exception {
		mvc.perform(get("/admin/time-zone").with(PRINCIPAL)).andExpect(status().isForbidden());
		mvc.perform(post("/admin/time-zone").param("timeZone", "Pacific/Honolulu").with(PRINCIPAL).with(csrf()))
			.andExpect(status().isForbidden());

		assertThat(jdbc.sql("select time_zone from directory.district").query(String.class).single())
			.isEqualTo("America/Chicago");
	}

	@Test
	void theAdministrationPageLeadsThere() throws Exception {
		String page = mvc.perform(get("/admin").with(DISTRICT_ADMIN)).andReturn().getResponse().getContentAsString();

		assertThat(Jsoup.parse(page).select("a[href=/admin/time-zone]")).hasSize(1);
	}
}
