package org.homeroom.accounts.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.accounts.AccountLinks;
import org.homeroom.accounts.PasswordRule;
import org.homeroom.accounts.PasswordRuleTests;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Accepting an invitation refuses a too-short password with the same message key as a reset. */
@IntegrationTest
class InvitationPasswordRuleIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountLinks links;

	@Autowired
	AccountAdministration administration;

	@Test
	void acceptingAnInvitationRefusesItOnThePageAndInTheService() throws Exception {
		String email = "ines." + UUID.randomUUID().toString().substring(0, 8) + "@riverside.example";
		UUID record = Districts.in(jdbc).staff("Ines", "Quarrington", email);
		String token = links.invite(record, email, "en", "admin@district.test");

		mvc.perform(post("/invitation/" + token).with(csrf()).param("password", PasswordRuleTests.ONE_TOO_SHORT)
			.param("confirmation", PasswordRuleTests.ONE_TOO_SHORT)).andExpect(model().attribute("error", PasswordRule.TOO_SHORT));
		assertThatThrownBy(() -> administration.accept(token, PasswordRuleTests.ONE_TOO_SHORT))
			.isInstanceOfSatisfying(PasswordRule.Refused.class,
					refused -> assertThat(refused.messageKey()).isEqualTo(PasswordRule.TOO_SHORT));
		assertThat(administration.invitation(token)).as("a refused password leaves the invitation open").isPresent();
	}
}
