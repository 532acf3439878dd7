package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** On an external database demo mode is off by default, and nothing of it shows. */
@IntegrationTest
class WithoutDemoModeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	DemoSettings demo;

	@Test
	void demoModeIsOffForAnExternalDatabase() {
		assertThat(demo.enabled()).isFalse();
	}

	@Test
	void theDevelopmentOutboxDoesNotExist() throws Exception {
		mvc.perform(get("/dev/outbox")).andExpect(status().isNotFound());
		mvc.perform(get("/dev/outbox.json")).andExpect(status().isNotFound());
	}

	@Test
	void theSignInPageListsNoDemoAccounts() throws Exception {
		String page = mvc.perform(get("/sign-in")).andReturn().getResponse().getContentAsString();

		assertThat(Jsoup.parse(page).text()).doesNotContain("demo.homeroom.test", "homeroom-demo");
	}
}
