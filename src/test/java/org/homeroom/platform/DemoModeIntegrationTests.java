package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.homeroom.ServerTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;

/** Demo mode: a demo district seeded once, its accounts listed, and every outgoing message shown. */
@ServerTest
class DemoModeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoSeeder seeder;

	@Autowired
	DevOutbox outbox;

	@Test
	void theDemoDistrictIsSeededOnceAndKeptOnLaterStarts() {
		int accounts = countDemoAccounts();
		assertThat(accounts).isPositive();

		boolean seededAgain = seeder.seedOnce();

		assertThat(seededAgain).isFalse();
		assertThat(countDemoAccounts()).isEqualTo(accounts);
		assertThat(jdbc.sql("select count(*) from platform.demo_seed").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theSignInPageListsTheDemoAccountsAndTheirPassword() throws Exception {
		String page = mvc.perform(get("/sign-in")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		String text = Jsoup.parse(page).text();
		assertThat(text).contains("admin@demo.homeroom.test", "teacher@demo.homeroom.test", "homeroom-demo",
				"District administrator");
	}

	@Test
	void theDemoAdministratorIsAskedForNoSecondStepUnlessTheRuleSaysSoInDemoModeToo() throws Exception {
		jakarta.servlet.http.Cookie admin = mvc.perform(post("/sign-in").param("email", "admin@demo.homeroom.test")
			.param("password", "homeroom-demo").with(SecurityMockMvcRequestPostProcessors.csrf()))
			.andReturn().getResponse().getCookie("SESSION");
		mvc.perform(get("/students").cookie(admin)).andExpect(status().isOk());

		jdbc.sql("update accounts.two_step_policy set in_demo = true").update();
		try {
			mvc.perform(get("/students").cookie(admin)).andExpect(status().is3xxRedirection())
				.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/account/two-step"));
		}
		finally {
			jdbc.sql("update accounts.two_step_policy set in_demo = false").update();
		}
	}

	@Test
	void theDemoAdministratorCanSignIn() throws Exception {
		mvc.perform(post("/sign-in").param("email", "admin@demo.homeroom.test").param("password", "homeroom-demo")
			.with(SecurityMockMvcRequestPostProcessors.csrf())).andExpect(status().is3xxRedirection())
			.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/"));
	}

	@Test
	void theOutboxShowsWhatHomeroomWouldHaveSentWithoutSigningIn() throws Exception {
		outbox.record(DevOutbox.Channel.EMAIL, "rosa.m@family.test", "Your sign-in code", "Your code is 482913");
		outbox.record(DevOutbox.Channel.SMS, "+15555550123", null, "Homeroom: school closes at noon today");

		String page = mvc.perform(get("/dev/outbox")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(page).text()).contains("Your sign-in code", "Your code is 482913", "+15555550123");

		mvc.perform(get("/dev/outbox.json").param("to", "rosa.m@family"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].recipient").value("rosa.m@family.test"))
			.andExpect(jsonPath("$[0].body").value("Your code is 482913"));
	}

	@Test
	void inDemoModeAPasswordCanBuyAnApiToken() throws Exception {
		mvc.perform(post("/api/v1/tokens")
			.with(SecurityMockMvcRequestPostProcessors.httpBasic("admin@demo.homeroom.test", "homeroom-demo"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"curl\",\"expiresInDays\":7}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.token").value(org.hamcrest.Matchers.startsWith("hr_")))
			.andExpect(jsonPath("$.name").value("curl"));
	}

	@Test
	void aBadTokenRequestIsAProblemDetailNamingTheField() throws Exception {
		mvc.perform(post("/api/v1/tokens")
			.with(SecurityMockMvcRequestPostProcessors.httpBasic("admin@demo.homeroom.test", "homeroom-demo"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"expiresInDays\":999}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("name", "expiresInDays")));
	}

	private int countDemoAccounts() {
		return jdbc.sql("select count(*) from accounts.account where username like '%@demo.homeroom.test'")
			.query(Integer.class).single();
	}
}
