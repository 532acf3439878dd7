package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Outside demo mode, without an SMS provider, a text fails at once and says why. */
@IntegrationTest
class SmsNotConfiguredIntegrationTests {

	@Autowired
	SmsOutbox outbox;

	@Test
	void aTextFailsSayingSmsIsNotConfigured() {
		UUID id = outbox.queue("+15550100900", "Hello", "en", "TEST", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status(id).orElseThrow().status().equals("FAILED"));
		assertThat(outbox.status(id).orElseThrow().lastError()).contains("SMS is not configured").contains("HOMEROOM_SMS_");
	}
}
