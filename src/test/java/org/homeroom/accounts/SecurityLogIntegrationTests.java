package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Administrators see what happened to accounts; nobody else does, and no secret is ever kept. */
@IntegrationTest
class SecurityLogIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void aDistrictAdministratorSeesSignInsFailuresAndTokensOfAnAccount() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		mvc.perform(post("/sign-in").param("email", teacher).param("password", "wrong guess 2026").with(csrf()));
		Cookie teacherSession = SignIn.as(mvc, teacher);
		mvc.perform(post("/account/tokens").cookie(teacherSession).with(csrf()).param("name", "Gradebook export")
			.param("expiresInDays", "30")).andExpect(status().isOk());

		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));
		Document log = Jsoup.parse(mvc.perform(get("/security-log").param("account", teacher).cookie(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(log.select("tbody tr td:nth-child(2)").eachText())
			.containsExactly("API token created", "Signed in", "Sign-in failed");
		assertThat(log.select("tbody tr td:nth-child(3)").eachText()).containsOnly(teacher);
		assertThat(log.text()).contains("Gradebook export").doesNotContain("wrong guess 2026", StaffAccounts.PASSWORD);
	}

	@Test
	void otherStaffMayNotReadIt() throws Exception {
		Cookie teacher = SignIn.as(mvc, StaffAccounts.aStaffMember().createIn(accounts));

		mvc.perform(get("/security-log").cookie(teacher)).andExpect(status().isForbidden());
	}
}
