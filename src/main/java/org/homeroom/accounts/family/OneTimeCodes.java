package org.homeroom.accounts.family;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.DigestUtils;
import org.homeroom.accounts.Throttle;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.DevOutbox;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.platform.TextMessages;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.homeroom.translation.CuratedTexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Six-digit codes sent to an e-mail address or phone to prove that someone holds it: to sign in,
 * or to confirm a contact a family has just added. Both follow the same rules, because a code is a
 * code whatever it opens: 10 minutes, 5 attempts, and requests throttled per contact and per client
 * address, in one count for both purposes (otherwise adding a contact would be a way to send
 * unlimited messages to someone else's address).
 */
@Component
class OneTimeCodes {

	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	static final int ATTEMPTS_PER_CODE = 5;

	static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);

	static final int CODES_PER_CONTACT = 5;

	static final int REQUESTS_PER_ADDRESS = 30;

	private static final Logger log = LoggerFactory.getLogger(OneTimeCodes.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	private final JdbcClient jdbc;

	private final Throttle throttle;

	private final OutgoingMail mail;

	private final DevOutbox outbox;

	private final DemoSettings demo;

	private final Clock clock;

	private final ObjectProvider<TextMessages> texts;

	private final CuratedTexts curated;

	OneTimeCodes(JdbcClient jdbc, Throttle throttle, OutgoingMail mail, DevOutbox outbox, DemoSettings demo,
			Clock clock, ObjectProvider<TextMessages> texts, CuratedTexts curated) {
		this.jdbc = jdbc;
		this.throttle = throttle;
		this.mail = mail;
		this.outbox = outbox;
		this.demo = demo;
		this.clock = clock;
		this.texts = texts;
		this.curated = curated;
	}

	/** What a code opens, and the words of the message that carries it. */
	enum Purpose {

		SIGN_IN("family.code.subject", "family.code.body"),
		VERIFY_CONTACT("welcome.code.subject", "welcome.code.body");

		final String subjectKey;

		final String bodyKey;

		Purpose(String subjectKey, String bodyKey) {
			this.subjectKey = subjectKey;
			this.bodyKey = bodyKey;
		}
	}

	/** How a code went out: by e-mail or SMS, to demo mode's outbox only (phones, without SMS), or not at all (no SMS configured). */
	enum Delivery {
		SENT, DEMO_OUTBOX, NOT_SENT
	}

	/** Counts one request for a code from this client address; throws when there were too many. */
	void throttleAddress(String clientAddress) {
		throttle.acquire("code-address", clientAddress, REQUESTS_PER_ADDRESS, THROTTLE_WINDOW);
	}

	/** Counts one code for this contact; throws when there were too many. */
	void throttleContact(String contact) {
		throttle.acquire("code-contact", contact, CODES_PER_CONTACT, THROTTLE_WINDOW);
	}

	/**
	 * Makes a code for a normalised contact and sends it there. {@code account} is the account a
	 * verification code belongs to, and null for a sign-in code.
	 */
	@Transactional
	Delivery send(Purpose purpose, String contact, UUID account, Locale language) {
		String code = String.format("%06d", RANDOM.nextInt(1_000_000));
		Instant now = clock.instant();
		jdbc.sql("""
				insert into accounts.sign_in_code (id, contact, code_hash, created_at, expires_at, purpose, account_id)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), contact, hash(contact, code), Timestamp.from(now),
					Timestamp.from(now.plus(CODE_LIFETIME)), purpose.name(), account)
			.update();
		return deliver(purpose, contact, code, language);
	}

	/**
	 * Checks a code against the newest pending one for this contact, purpose and account, and
	 * returns that code's id for {@link #consume}. A wrong code counts an attempt; the fifth
	 * wrong one leaves the code useless. Callers must not roll back on {@link InvalidCodeException},
	 * or the attempt would not count.
	 */
	@Transactional(noRollbackFor = InvalidCodeException.class)
	UUID check(Purpose purpose, String contact, UUID account, String code) {
		var pending = jdbc.sql("""
				select id, code_hash, attempts from accounts.sign_in_code
				where purpose = ? and contact = ? and account_id is not distinct from ?
				  and consumed_at is null and expires_at > ?
				order by created_at desc limit 1 for update""")
			.params(purpose.name(), contact, account, Timestamp.from(clock.instant()))
			.query((rs, row) -> new PendingCode(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)))
			.optional()
			.orElseThrow(InvalidCodeException::new);
		if (pending.attempts() >= ATTEMPTS_PER_CODE) {
			throw new InvalidCodeException();
		}
		if (code == null || !MessageDigest.isEqual(pending.hash().getBytes(StandardCharsets.US_ASCII),
				hash(contact, code.strip()).getBytes(StandardCharsets.US_ASCII))) {
			jdbc.sql("update accounts.sign_in_code set attempts = attempts + 1 where id = ?").param(pending.id()).update();
			throw new InvalidCodeException();
		}
		return pending.id();
	}

	/** Uses a code up, so that it opens nothing a second time. */
	@Transactional
	void consume(UUID code) {
		jdbc.sql("update accounts.sign_in_code set consumed_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), code).update();
	}

	private Delivery deliver(Purpose purpose, String contact, String code, Locale language) {
		// The district's own words when it edited them (Administration → Translation → Automatic messages).
		String subject = curated.text(purpose.subjectKey, language);
		String body = curated.text(purpose.bodyKey, language, code, CODE_LIFETIME.toMinutes());
		return deliver(contact, subject, body, purpose.name(), language);
	}

	/**
	 * Sends a message about the family's account (no code in it) to one of its contacts, by the
	 * same way as their codes go, so that it reaches them wherever a code would.
	 */
	Delivery sendNotice(String contact, String subject, String body) {
		return deliver(contact, subject, body, "ACCOUNT_NOTICE", null);
	}

	private Delivery deliver(String contact, String subject, String body, String what, Locale language) {
		if (contact.contains("@")) {
			mail.send(contact, subject, body);
			return Delivery.SENT;
		}
		TextMessages sms = texts.getIfAvailable();
		if (sms != null && sms.configured() && E164.matcher(contact).matches()) {
			// Queued in this transaction and texted once it commits, by messaging's SMS channel.
			sms.send(contact, body, language == null ? "en" : language.toLanguageTag(), what);
			return Delivery.SENT;
		}
		if (demo.enabled()) {
			outbox.record(DevOutbox.Channel.SMS, contact, null, body);
			return Delivery.DEMO_OUTBOX;
		}
		log.warn("SMS is not configured: a message for a phone was not sent ({})", what);
		return Delivery.NOT_SENT;
	}

	/** Codes have little entropy, so the hash only keeps them out of plain sight; expiry and attempts protect them. */
	private static String hash(String contact, String code) {
		return DigestUtils.sha256Hex(contact + ":" + code);
	}

	private record PendingCode(UUID id, String hash, int attempts) {
	}

	static class InvalidCodeException extends RuntimeException {

		InvalidCodeException() {
			super("The code is wrong or has expired");
		}
	}
}
