package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Counted requests are never forgotten before the longest throttle window has passed over them. */
class AccountsRetentionSettingsTests {

	@Test
	void throttleEventsKeptForLessThanTheLongestWindowAreRefusedAtStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountsSettings.Retention(Duration.ofMinutes(10), Duration.ofDays(1), Duration.ofDays(1),
					Duration.ofDays(365)))
			.withMessageContaining("homeroom.accounts.retention.throttle-events");
		assertThatNoException().isThrownBy(() -> new AccountsSettings.Retention(Duration.ofMinutes(15), Duration.ofDays(1),
				Duration.ofDays(1), Duration.ofDays(365)));
	}
}
