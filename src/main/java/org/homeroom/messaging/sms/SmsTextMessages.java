package org.homeroom.messaging.sms;

import org.homeroom.platform.TextMessages;
import org.springframework.stereotype.Component;

/** Other modules' texts (sign-in codes, contact checks) go through the SMS outbox like every text. */
@Component
class SmsTextMessages implements TextMessages {

	private final SmsOutbox outbox;

	private final SmsSettings settings;

	SmsTextMessages(SmsOutbox outbox, SmsSettings settings) {
		this.outbox = outbox;
		this.settings = settings;
	}

	@Override
	public boolean configured() {
		return settings.configured();
	}

	@Override
	public void send(String toE164, String body, String language, String purpose) {
		outbox.queue(toE164, body, language, purpose, null);
	}
}
