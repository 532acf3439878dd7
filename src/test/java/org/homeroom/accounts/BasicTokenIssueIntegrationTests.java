package org.homeroom.accounts;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Outside demo mode an administrator may open the password route to API tokens. (The properties
 * match {@link FirstAdministratorIntegrationTests}, so both share one application context.)
 */
@IntegrationTest(properties = { FirstAdministratorIntegrationTests.EMAIL, FirstAdministratorIntegrationTests.PASSWORD,
		BasicTokenIssueIntegrationTests.OPEN })
class BasicTokenIssueIntegrationTests {

	static final String OPEN = "homeroom.security.basic-token-issue=true";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void whenOpenedAPasswordBuysATokenOutsideDemoMode() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/api/v1/tokens").with(httpBasic(email, StaffAccounts.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.token").value(org.hamcrest.Matchers.startsWith("hr_")));
	}

	@Test
	void aPasswordAloneBuysNoTokenForAnAccountThatOwesOrHasASecondStep() throws Exception {
		String admin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));

		for (String email : new String[] { admin, teacher }) {
			mvc.perform(post("/api/v1/tokens").with(httpBasic(email, StaffAccounts.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("two-step sign-in")));
		}
	}

	@Test
	void aWrongPasswordStillGets401() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/api/v1/tokens").with(httpBasic(email, "wrong password"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}"))
			.andExpect(status().isUnauthorized());
	}
}
