package org.homeroom.accounts.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.homeroom.accounts.AccountsSettings;
import org.homeroom.accounts.NoAccountsYet;
import org.homeroom.accounts.PasswordRule;
import org.homeroom.accounts.PasswordRuleTests;
import org.homeroom.platform.DemoSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

class FirstAdministratorTests {

	@Test
	void aTooShortPasswordInTheSettingsIsRefusedByThePasswordRule() {
		FirstAdministrator first = new FirstAdministrator(NoAccountsYet.accounts(),
				new AccountsSettings(new AccountsSettings.FirstAdmin("superintendent@district.test",
						PasswordRuleTests.ONE_TOO_SHORT), false, 90, "http://localhost:8080", null),
				new DemoSettings(false), null);

		assertThatThrownBy(() -> first.run(new DefaultApplicationArguments()))
			.isInstanceOfSatisfying(PasswordRule.Refused.class,
					refused -> assertThat(refused.messageKey()).isEqualTo(PasswordRule.TOO_SHORT));
	}
}
