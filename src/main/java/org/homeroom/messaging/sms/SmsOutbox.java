package org.homeroom.messaging.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-off texts to one number (keyword answers now; conversation notices and sign-in codes later):
 * queued here, in the caller's transaction, and sent by the {@link SmsWorker} after it commits. A
 * text to a number that opted out is kept as SKIPPED and never sent. A text longer than three
 * segments goes as a short note with a link to the whole of it (see {@link SmsLongTexts}).
 */
@Service
public class SmsOutbox {

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	/** The longest body accepted: more than a link's worth is kept on the page it links to. */
	public static final int MAX_BODY = 5_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SmsLongTexts longTexts;

	SmsOutbox(JdbcClient jdbc, Clock clock, SmsLongTexts longTexts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.longTexts = longTexts;
	}

	/** What became of a text, as the outbox knows it. */
	public record SmsStatus(UUID id, String toNumber, String body, String status, String skippedReason, int attempts,
			String providerSid, String providerStatus, String lastError) {
	}

	/**
	 * Queues a text. {@code purpose} says what it is for (e.g. {@code SMS_HELP}, {@code CONVERSATION},
	 * {@code SIGN_IN_CODE}), {@code reference} what it is about (an id), for the caller's own use.
	 *
	 * @param toE164 the number, E.164
	 * @param body the text, at most {@link #MAX_BODY} characters
	 * @param language the reader's language (BCP 47), for the long-text page
	 * @return the text's id
	 */
	@Transactional
	public UUID queue(String toE164, String body, String language, String purpose, String reference) {
		if (toE164 == null || !E164.matcher(toE164).matches()) {
			throw new IllegalArgumentException("to: a number in E.164 is required");
		}
		if (body == null || body.isBlank() || body.length() > MAX_BODY) {
			throw new IllegalArgumentException("body: 1 to " + MAX_BODY + " characters");
		}
		if (purpose == null || purpose.isBlank() || purpose.length() > 40) {
			throw new IllegalArgumentException("purpose: 1 to 40 characters");
		}
		if (reference != null && reference.length() > 200) {
			throw new IllegalArgumentException("reference: at most 200 characters");
		}
		String lang = language == null || language.isBlank() ? "en" : language.strip().toLowerCase(Locale.ROOT);
		UUID id = UUID.randomUUID();
		String sent = SmsSegments.sentWhole(body) ? body : longTexts.shorten(id, toE164, body, lang);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into messaging.sms_outbox (id, to_number, body, language, purpose, reference, status, skipped_reason,
				                                  next_attempt_at, created_at)
				select :id, :to, :body, :language, :purpose, :reference,
				       case when o.phone is null then 'QUEUED' else 'SKIPPED' end,
				       case when o.phone is null then null else 'OPTED_OUT_SMS' end, :now, :now
				from (select 1) one left join messaging.sms_opt_out o on o.phone = :to""")
			.param("id", id)
			.param("to", toE164)
			.param("body", sent)
			.param("language", lang)
			.param("purpose", purpose.strip())
			.param("reference", reference)
			.param("now", now)
			.update();
		return id;
	}

	/** A text by its id. */
	@Transactional(readOnly = true)
	public Optional<SmsStatus> status(UUID id) {
		return jdbc.sql("""
				select id, to_number, body, status, skipped_reason, attempts, provider_sid, provider_status, last_error
				from messaging.sms_outbox where id = ?""")
			.param(id).query(SmsStatus.class).optional();
	}

	/**
	 * The status a provider's word ({@code MessageStatus}) moves a text to: SENT, DELIVERED,
	 * UNDELIVERED or FAILED; null for the words that move nothing (queued, sending, accepted…).
	 */
	public static String statusOf(String providerStatus) {
		return switch (providerStatus == null ? "" : providerStatus.toLowerCase(Locale.ROOT)) {
			case "sent" -> "SENT";
			case "delivered" -> "DELIVERED";
			case "undelivered" -> "UNDELIVERED";
			case "failed" -> "FAILED";
			default -> null;
		};
	}

	/**
	 * What the provider's status callback says of a text it took. A later word never takes a text
	 * back: once DELIVERED, UNDELIVERED or FAILED it stays so, whatever order the callbacks come in.
	 *
	 * @return whether a text of ours had that provider id
	 */
	@Transactional
	public boolean providerSaid(String providerSid, String providerStatus, String errorCode) {
		String status = statusOf(providerStatus);
		return jdbc.sql("""
				update messaging.sms_outbox set provider_status = :said,
				       status = case when :status::text is null or status not in ('SENDING', 'SENT') then status else :status::text end,
				       last_error = case when :status::text in ('UNDELIVERED', 'FAILED') and status in ('SENDING', 'SENT')
				                         then 'Twilio error ' || coalesce(:code::text, 'unknown') else last_error end
				where provider_sid = :sid""")
			.param("said", providerStatus)
			.param("status", status)
			.param("code", errorCode)
			.param("sid", providerSid)
			.update() == 1;
	}
}
