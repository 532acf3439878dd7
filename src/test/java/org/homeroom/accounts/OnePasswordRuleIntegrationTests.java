package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;

import java.util.Set;

import org.homeroom.IntegrationTest;
import org.homeroom.shared.LanguageTag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Creating a staff account (the first administrator's path) and resetting a password refuse the
 * same too-short password with the same message key; the invitation's paths are checked beside
 * it, in {@code administration}.
 */
@IntegrationTest
class OnePasswordRuleIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordResets resets;

	@Autowired
	AccountLinks links;

	@Test
	void creatingAStaffAccountRefusesItForThePasswordField() {
		assertThatThrownBy(() -> accounts.createStaff("short.password@district.test", "Short", PasswordRuleTests.ONE_TOO_SHORT,
				LanguageTag.ENGLISH, Set.of(Role.TEACHER)))
			.isInstanceOfSatisfying(PasswordRule.Refused.class, refused -> {
				assertThat(refused.field()).isEqualTo("password");
				assertThat(refused.messageKey()).isEqualTo(PasswordRule.TOO_SHORT);
			});
	}

	@Test
	void aPasswordResetRefusesItOnThePageAndInTheService() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Account account = accounts.account(email);
		String token = links.reset(account.id(), email, "en", "self");

		mvc.perform(post("/password-reset/" + token).with(csrf()).param("password", PasswordRuleTests.ONE_TOO_SHORT)
			.param("confirmation", PasswordRuleTests.ONE_TOO_SHORT)).andExpect(model().attribute("error", PasswordRule.TOO_SHORT));
		assertThatThrownBy(() -> resets.reset(token, PasswordRuleTests.ONE_TOO_SHORT, null))
			.isInstanceOfSatisfying(PasswordRule.Refused.class,
					refused -> assertThat(refused.messageKey()).isEqualTo(PasswordRule.TOO_SHORT));
		assertThat(resets.open(token)).as("a refused password leaves the link usable").isTrue();
	}
}
