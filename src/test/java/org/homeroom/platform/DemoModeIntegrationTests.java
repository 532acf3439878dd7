package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.http.Cookie;
import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Demo mode: a demo district seeded once, its accounts listed, every outgoing message shown to a
 * district administrator and those to the demo district's example addresses to anyone, and the
 * server reachable from this machine only.
 */
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

	@Autowired
	Accounts accounts;

	@LocalServerPort
	int port;

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
		Cookie admin = mvc.perform(post("/sign-in").param("email", "admin@demo.homeroom.test")
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
	void withoutSigningInTheOutboxShowsOnlyMessagesToTheDemoDistrictsExampleAddresses() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		outbox.record(DevOutbox.Channel.EMAIL, "rosa." + run + "@family.test", "Your sign-in code", "Your code is 482913");
		outbox.record(DevOutbox.Channel.EMAIL, "ana." + run + "@Mail.Example.ORG", "Your sign-in code", "Your code is 771204");
		hiddenFromAnyone(run);

		mvc.perform(get("/dev/outbox.json").param("to", run))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].recipient").value(containsInAnyOrder("rosa." + run + "@family.test",
					"ana." + run + "@Mail.Example.ORG")))
			.andExpect(jsonPath("$[?(@.recipient == 'rosa." + run + "@family.test')].body").value(contains("Your code is 482913")));
		String page = mvc.perform(get("/dev/outbox").param("to", run)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(page).text()).contains("Your code is 482913", "Your code is 771204",
				"Sign in as a district administrator to see every message")
			.doesNotContain("password-reset", "615243", "notexample", "attacker");
	}

	@Test
	void withoutSigningInTheOutboxShowsTextsToTheDemosFictionalNumbersOnly() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		outbox.record(DevOutbox.Channel.SMS, "+13125550142", null, "Homeroom: your code is 482913 (" + run + ")");
		outbox.record(DevOutbox.Channel.SMS, "+13125550842", null, "Homeroom: your code is 615243 (" + run + ")");
		outbox.record(DevOutbox.Channel.SMS, "+443125550142", null, "Homeroom: your code is 615243 (" + run + ")");

		List<String> bodies = JsonPath.read(mvc.perform(get("/dev/outbox.json").param("limit", "1000"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$[*].body");
		assertThat(bodies).contains("Homeroom: your code is 482913 (" + run + ")")
			.noneMatch(body -> body.equals("Homeroom: your code is 615243 (" + run + ")"));
	}

	@Test
	void unfilteredTheOutboxStillHidesEveryOtherAddressFromAnyone() throws Exception {
		hiddenFromAnyone(UUID.randomUUID().toString().substring(0, 8));

		List<String> recipients = JsonPath.read(mvc.perform(get("/dev/outbox.json").param("limit", "1000"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$[*].recipient");
		assertThat(recipients).isNotEmpty()
			.allSatisfy(recipient -> assertThat(recipient.toLowerCase(Locale.ROOT)).matches(".*@([a-z0-9-]+\\.)*"
					+ "(test|example|example\\.com|example\\.org|example\\.net)|\\+1[2-9][0-9]{2}55501[0-9]{2}"));
	}

	@Test
	void aDistrictAdministratorSeesEveryMessage() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		outbox.record(DevOutbox.Channel.EMAIL, "rosa." + run + "@family.test", "Your sign-in code", "Your code is 482913");
		hiddenFromAnyone(run);
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		mvc.perform(get("/dev/outbox.json").param("to", run).cookie(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(5));
		String page = mvc.perform(get("/dev/outbox").param("to", run).cookie(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(page).text()).contains("Your code is 482913", "/password-reset/" + run, "Your code is 615243")
			.doesNotContain("Sign in as a district administrator to see every message");
	}

	@Test
	void otherStaffSeeNoMoreThanAnyone() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		hiddenFromAnyone(run);
		Cookie principal = SignIn.as(mvc, StaffAccounts.aStaffMember().withRole(Role.SCHOOL_ADMIN).createIn(accounts));

		mvc.perform(get("/dev/outbox.json").param("to", run).cookie(principal))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void aDistrictAdministratorHalfWaySignedInMustFinishBeforeTheOutbox() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		hiddenFromAnyone(run);
		jdbc.sql("update accounts.two_step_policy set in_demo = true").update();
		try {
			Cookie passwordOnly = SignIn.withPasswordOnly(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

			mvc.perform(get("/dev/outbox.json").param("to", run).cookie(passwordOnly))
				.andExpect(status().is3xxRedirection())
				.andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain(run));
		}
		finally {
			jdbc.sql("update accounts.two_step_policy set in_demo = false").update();
		}
	}

	@Test
	void inDemoModeTheServerListensOnTheLoopbackAddressOnly() throws IOException {
		try (Socket local = new Socket()) {
			local.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			assertThat(local.isConnected()).isTrue();
		}
		// Another address of this machine; on 127.0.0.2 it stays on the loopback interface.
		try (Socket other = new Socket()) {
			assertThatThrownBy(() -> other.connect(new InetSocketAddress("127.0.0.2", port), 5_000))
				.isInstanceOf(ConnectException.class);
		}
	}

	/** Messages to addresses that may be anyone's: what a trial with a real roster would send. */
	private void hiddenFromAnyone(String run) {
		outbox.record(DevOutbox.Channel.EMAIL, "staff." + run + "@district.org", "Reset your password",
				"Choose a new password: http://localhost:8080/password-reset/" + run);
		outbox.record(DevOutbox.Channel.EMAIL, "parent." + run + "@gmail.com", "Your sign-in code", "Your code is 615243");
		outbox.record(DevOutbox.Channel.EMAIL, "parent." + run + "@notexample.com", "Your sign-in code", "Your code is 615243");
		outbox.record(DevOutbox.Channel.EMAIL, "parent." + run + "@example.com.attacker.io", "Your sign-in code",
				"Your code is 615243");
		outbox.record(DevOutbox.Channel.SMS, "+12025550843", null, "Homeroom: your code is 615243 (" + run + ")");
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
