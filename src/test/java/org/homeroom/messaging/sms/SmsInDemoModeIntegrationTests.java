package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.platform.DevOutbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Demo mode without an SMS provider: texts go to the development outbox, so that a demo family reads its code there. */
@ServerTest
class SmsInDemoModeIntegrationTests {

	@Autowired
	SmsOutbox outbox;

	@Autowired
	DevOutbox devOutbox;

	@Test
	void aTextGoesToTheDevelopmentOutboxAndCountsAsSent() {
		String words = "Your code is " + UUID.randomUUID().toString().substring(0, 6);
		UUID id = outbox.queue("+15550100800", words, "en", "TEST", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status(id).orElseThrow().status().equals("SENT"));
		List<DevOutbox.OutboxMessage> shown = devOutbox.latest("+15550100800", 0, 20);
		assertThat(shown).anySatisfy(message -> {
			assertThat(message.channel()).isEqualTo(DevOutbox.Channel.SMS);
			assertThat(message.body()).isEqualTo(words);
		});
	}
}
