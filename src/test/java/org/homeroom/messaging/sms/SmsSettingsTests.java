package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsSettingsTests {

	private static final String SID = "AC" + "0123456789abcdef".repeat(2);

	@Test
	void nothingSetIsSmsOffAndPointsAtTwilio() {
		SmsSettings settings = new SmsSettings(null, "", " ", null, 1);
		assertThat(settings.configured()).isFalse();
		assertThat(settings.baseUrl()).isEqualTo("https://api.twilio.com");
	}

	@Test
	void allThreeSetIsSmsOnWithANumberOrAMessagingService() {
		assertThat(new SmsSettings(null, SID, "secret", "+15555550100", 1).configured()).isTrue();
		SmsSettings service = new SmsSettings(null, SID, "secret", "MG" + "0123456789abcdef".repeat(2), 1);
		assertThat(service.configured()).isTrue();
		assertThat(service.fromIsService()).isTrue();
	}

	@Test
	void halfSetStopsStartUpNamingWhatIsMissing() {
		assertThatThrownBy(() -> new SmsSettings(null, SID, null, "+15555550100", 1))
			.hasMessageContaining("HOMEROOM_SMS_AUTH_TOKEN is missing");
		assertThatThrownBy(() -> new SmsSettings(null, SID, "secret", "5555", 1)).hasMessageContaining("HOMEROOM_SMS_FROM must be");
		assertThatThrownBy(() -> new SmsSettings("ftp://x", null, null, null, 1)).hasMessageContaining("HOMEROOM_SMS_BASE_URL");
	}

	@Test
	void theTokenNeverAppearsInItsDescription() {
		assertThat(new SmsSettings(null, SID, "very-secret-token", "+15555550100", 1).toString())
			.doesNotContain("very-secret-token");
	}

	@Test
	void theTokenNeverAppearsInAStartUpError() {
		assertThatThrownBy(() -> new SmsSettings(null, "AC1", "very-secret-token", "+15555550100", 1))
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("very-secret-token"));
	}
}
