package org.homeroom.messaging.sms;

import java.util.UUID;

import org.homeroom.messaging.delivery.DeliveryFailure;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.DevOutbox;
import org.springframework.stereotype.Component;

/**
 * Hands one text to the provider, for every sender of texts on this node: the SMS outbox and the
 * announcements' delivery worker. It asks once more whether the number opted out, paces the
 * provider calls of both together at {@code homeroom.sms.messages-per-second}, and, without SMS
 * configured, writes the text to the development outbox in demo mode or fails it otherwise. Never
 * call it inside a database transaction: it calls the provider.
 */
@Component
public class SmsSender {

	static final String NOT_CONFIGURED = "SMS is not configured (HOMEROOM_SMS_ACCOUNT_SID, HOMEROOM_SMS_AUTH_TOKEN, HOMEROOM_SMS_FROM)";

	private final TwilioClient twilio;

	private final SmsSettings settings;

	private final SmsOptOuts optOuts;

	private final DemoSettings demo;

	private final DevOutbox devOutbox;

	private final SmsLongTexts longTexts;

	private final Object pace = new Object();

	private long nextCallAt = System.nanoTime();

	SmsSender(TwilioClient twilio, SmsSettings settings, SmsOptOuts optOuts, DemoSettings demo, DevOutbox devOutbox,
			SmsLongTexts longTexts) {
		this.twilio = twilio;
		this.settings = settings;
		this.optOuts = optOuts;
		this.demo = demo;
		this.devOutbox = devOutbox;
		this.longTexts = longTexts;
	}

	/** What became of a text handed over. */
	public enum Outcome {
		/** The provider took it (or, in demo mode without SMS, the development outbox holds it). */
		SENT,
		/** The number opted out, before or (Twilio's error 21610) as we sent: nothing went. */
		OPTED_OUT,
		/** It did not go; {@code failure} says whether trying again can help. */
		FAILED
	}

	/**
	 * @param providerSid the provider's id for the text, which its status callbacks name (null in the development outbox)
	 * @param failure why it failed, for FAILED only
	 */
	public record Result(Outcome outcome, String providerSid, String providerStatus, DeliveryFailure failure) {
	}

	/** Whether texts can go anywhere: SMS is configured, or demo mode keeps them in the development outbox. */
	public boolean available() {
		return settings.configured() || demo.enabled();
	}

	/** Whether a text of this length goes whole (see {@link SmsSegments}). */
	public static boolean sentWhole(String text) {
		return SmsSegments.sentWhole(text);
	}

	/**
	 * The short note with a link ({@code /t/…}) that stands for a text too long to go whole; the
	 * page behind the link texts a code to the same phone before it shows the text.
	 *
	 * @param id the sender's own id for the text (a delivery, an outbox row), unique
	 */
	public String shortened(UUID id, String phoneE164, String body, String language) {
		return longTexts.shorten(id, phoneE164, body, language);
	}

	/** Sends one text now, paced; answers what became of it. */
	public Result send(String toE164, String body) throws InterruptedException {
		if (optOuts.optedOut(toE164)) {
			return new Result(Outcome.OPTED_OUT, null, null, null);
		}
		if (!settings.configured()) {
			if (demo.enabled()) {
				devOutbox.record(DevOutbox.Channel.SMS, toE164, null, body);
				return new Result(Outcome.SENT, null, "dev-outbox", null);
			}
			return new Result(Outcome.FAILED, null, null, new DeliveryFailure(true, 0, "SmsNotConfigured", NOT_CONFIGURED));
		}
		awaitTurn();
		try {
			TwilioClient.Accepted accepted = twilio.send(toE164, body);
			if (demo.enabled()) {
				devOutbox.record(DevOutbox.Channel.SMS, toE164, null, body);
			}
			return new Result(Outcome.SENT, accepted.sid(), accepted.status(), null);
		}
		catch (TwilioClient.Refused refused) {
			if (refused.twilioCode() == TwilioClient.UNSUBSCRIBED_RECIPIENT) {
				// The number texted STOP to the provider without our hearing of it: it is an opt-out all the same.
				optOuts.optOut(toE164, "PROVIDER");
				return new Result(Outcome.OPTED_OUT, null, null, refused.failure());
			}
			return new Result(Outcome.FAILED, null, null, refused.failure());
		}
	}

	/** Waits for this node's next slot at the provider: one every 1/messages-per-second, whoever sends. */
	private void awaitTurn() throws InterruptedException {
		long gap = 1_000_000_000L / settings.messagesPerSecond();
		long wait;
		synchronized (pace) {
			long now = System.nanoTime();
			long at = Math.max(now, nextCallAt);
			nextCallAt = at + gap;
			wait = at - now;
		}
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}
}
