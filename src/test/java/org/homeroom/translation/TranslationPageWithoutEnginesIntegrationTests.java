package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A district that configured no engine: the page says nothing is sent anywhere, and Homeroom has no engine at all. */
@IntegrationTest
class TranslationPageWithoutEnginesIntegrationTests {

	static final RequestPostProcessor DISTRICT_ADMIN = user("no.engines@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	TranslationRoutes routes;

	@Test
	void thePageSaysNoEngineIsConfiguredAndNothingIsSent() throws Exception {
		assertThat(routes.engines()).isEmpty();
		assertThat(routes.engineFor("en", "es")).isEmpty();
		mvc.perform(post("/admin/translation/check").with(DISTRICT_ADMIN).with(csrf())).andExpect(redirectedUrl("/admin/translation"));

		Document page = Jsoup.parse(mvc.perform(get("/admin/translation").with(DISTRICT_ADMIN).param("lang", "es"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.select(".empty-state h3").text()).isEqualTo("No hay ningún motor de traducción configurado");
		assertThat(page.select("[data-engine]")).isEmpty();
		assertThat(page.select("form[action=/admin/translation/check]")).as("nothing to check").isEmpty();
	}
}
