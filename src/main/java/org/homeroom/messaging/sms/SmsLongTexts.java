package org.homeroom.messaging.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.messaging.MessagingSettings;
import org.homeroom.translation.CuratedTexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Texts longer than three segments: the phone gets the beginning and a link ({@code /t/{token}})
 * to the whole text, which opens with no sign-in, only a one-time code texted to that same phone,
 * so that a forwarded or overheard link is not enough. Tokens and codes are kept as hashes; a link
 * lasts {@link #LINK_LIFE}, a code {@link #CODE_LIFE} and {@link #MOST_TRIES} tries, and a link sends
 * at most {@link #MOST_CODES} codes.
 */
@Component
class SmsLongTexts {

	static final Duration LINK_LIFE = Duration.ofDays(30);

	static final Duration CODE_LIFE = Duration.ofMinutes(10);

	static final int MOST_TRIES = 5;

	static final int MOST_CODES = 5;

	static final String PATH = "/t/";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MessagingSettings messaging;

	private final CuratedTexts messages;

	SmsLongTexts(JdbcClient jdbc, Clock clock, MessagingSettings messaging, CuratedTexts messages) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.messaging = messaging;
		this.messages = messages;
	}

	/** Keeps the whole text behind a new link and answers the short note that is texted instead. */
	String shorten(UUID outboxId, String phone, String body, String language) {
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		// A retried text (an announcement's delivery keeps its id across tries) gets a new link in place of the last.
		jdbc.sql("delete from messaging.sms_long_text where outbox_id = ?").param(outboxId).update();
		jdbc.sql("""
				insert into messaging.sms_long_text (token_hash, outbox_id, phone, language, body, expires_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(sha256(token), outboxId, phone, language, body, Timestamp.from(clock.instant().plus(LINK_LIFE)))
			.update();
		String link = TwilioClient.stripSlash(messaging.publicUrl()) + PATH + token;
		Locale locale = Locale.forLanguageTag(language);
		String flat = body.strip().replaceAll("\\s+", " ");
		for (int preview = Math.min(flat.length(), 280); preview >= 0; preview -= 10) {
			String note = messages.text("sms.long.note", locale, flat.substring(0, preview).strip(), link);
			if (SmsSegments.sentWhole(note)) {
				return note;
			}
		}
		return link;
	}

	/** A long text that is still there, found by its link's token. */
	record LongText(byte[] tokenHash, String phone, String language, String body, int codeAttempts, int codesSent,
			boolean codeLive) {

		String phoneEnding() {
			return phone.substring(Math.max(0, phone.length() - 4));
		}
	}

	@Transactional(readOnly = true)
	Optional<LongText> find(String token) {
		if (token == null || token.length() > 64) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select token_hash, phone, language, body, code_attempts, codes_sent,
				       (code_hash is not null and code_expires_at > :now) as code_live
				from messaging.sms_long_text where token_hash = :hash and expires_at > :now""")
			.param("hash", sha256(token))
			.param("now", Timestamp.from(clock.instant()))
			.query(LongText.class).optional();
	}

	/** A new code for the link, texted to its phone; false when the link has sent all it may. */
	@Transactional
	boolean sendCode(String token, SmsOutbox outbox) {
		Optional<LongText> found = find(token);
		if (found.isEmpty() || found.get().codesSent() >= MOST_CODES) {
			return false;
		}
		String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
		Instant now = clock.instant();
		jdbc.sql("""
				update messaging.sms_long_text set code_hash = ?, code_expires_at = ?, code_attempts = 0,
				       codes_sent = codes_sent + 1 where token_hash = ?""")
			.params(sha256(token + ":" + code), Timestamp.from(now.plus(CODE_LIFE)), found.get().tokenHash()).update();
		Locale locale = Locale.forLanguageTag(found.get().language());
		outbox.queue(found.get().phone(), messages.text("sms.long.code", locale, code),
				found.get().language(), "LONG_TEXT_CODE", null);
		return true;
	}

	/** The whole text when the code is the one last sent, still live, within its tries; each try counts. */
	@Transactional(noRollbackFor = RuntimeException.class)
	Optional<String> open(String token, String code) {
		Optional<LongText> found = find(token);
		if (found.isEmpty() || !found.get().codeLive() || found.get().codeAttempts() >= MOST_TRIES || code == null
				|| !code.strip().matches("[0-9]{6}")) {
			found.ifPresent(text -> countTry(text.tokenHash()));
			return Optional.empty();
		}
		countTry(found.get().tokenHash());
		boolean right = jdbc.sql("select code_hash = ? from messaging.sms_long_text where token_hash = ?")
			.params(sha256(token + ":" + code.strip()), found.get().tokenHash()).query(Boolean.class).single();
		return right ? Optional.of(found.get().body()) : Optional.empty();
	}

	private void countTry(byte[] tokenHash) {
		jdbc.sql("update messaging.sms_long_text set code_attempts = code_attempts + 1 where token_hash = ?")
			.param(tokenHash).update();
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
