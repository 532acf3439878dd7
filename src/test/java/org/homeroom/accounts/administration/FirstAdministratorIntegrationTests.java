package org.homeroom.accounts.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.homeroom.IntegrationTest;
import org.homeroom.accounts.BasicTokenIssueIntegrationTests;
import org.homeroom.accounts.twostep.TwoStepGate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest(properties = { FirstAdministratorIntegrationTests.EMAIL, FirstAdministratorIntegrationTests.PASSWORD,
		BasicTokenIssueIntegrationTests.OPEN })
public class FirstAdministratorIntegrationTests {

	public static final String EMAIL = "homeroom.accounts.first-admin.email=Superintendent@District.test";

	public static final String PASSWORD = "homeroom.accounts.first-admin.password=a long first password";

	private static final ApplicationArguments NO_ARGUMENTS = new DefaultApplicationArguments();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FirstAdministrator firstAdministrator;

	@Test
	void anEmptyDatabaseGetsTheConfiguredDistrictAdministrator() throws Exception {
		assertThat(jdbc.sql("""
				select r.role from accounts.account a join accounts.role_grant r on r.account_id = a.id
				where a.username = 'superintendent@district.test'""").query(String.class).list())
			.containsExactly("DISTRICT_ADMIN");

		jakarta.servlet.http.Cookie session = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/sign-in").param("email", "superintendent@district.test").param("password", "a long first password")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andReturn().getResponse().getCookie("SESSION");
		// An administrator's first stop, outside demo mode, is setting up the second step.
		mvc.perform(get("/account").cookie(session))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(TwoStepGate.SETUP));
		mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andExpect(status().isOk());
	}

	@Test
	void oncePeopleHaveAccountsTheSettingsAreIgnored() {
		jdbc.sql("update accounts.account set display_name = 'Renamed' where username = 'superintendent@district.test'").update();

		firstAdministrator.run(NO_ARGUMENTS);

		assertThat(jdbc.sql("select display_name from accounts.account where username = 'superintendent@district.test'")
			.query(String.class).list()).containsExactly("Renamed");
	}

	@Test
	void noDemoAccountsExistOutsideDemoMode() {
		assertThat(jdbc.sql("select count(*) from accounts.account where username like '%@demo.homeroom.test'")
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from platform.demo_seed").query(Integer.class).single()).isZero();
	}

}
