package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

public class PasswordRuleTests {

	/** One character short of the rule's minimum: every place a password is chosen must refuse it. */
	public static final String ONE_TOO_SHORT = "x".repeat(PasswordRule.MINIMUM_LENGTH - 1);

	@Test
	void twelveCharactersAreEnoughAndElevenAreNot() {
		assertThat(PasswordRule.problemWith("x".repeat(12))).isEmpty();
		assertThat(PasswordRule.problemWith(ONE_TOO_SHORT)).contains("staffaccounts.password.too-short");
		assertThat(PasswordRule.problemWith((String) null)).contains("staffaccounts.password.too-short");
	}

	@Test
	void aFormSaysFirstThatThePasswordIsTooShortThenThatTheTwoDiffer() {
		assertThat(PasswordRule.problemWith(ONE_TOO_SHORT, "something else")).contains(PasswordRule.TOO_SHORT);
		assertThat(PasswordRule.problemWith("a long enough password", "a long enough passwort"))
			.contains("staffaccounts.password.mismatch");
		assertThat(PasswordRule.problemWith("a long enough password", "a long enough password")).isEmpty();
	}
}
