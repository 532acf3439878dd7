package org.homeroom.messaging.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a text that reached the inbound webhook (after its signature was checked). It is
 * stored once per provider message, whatever Twilio retries. A keyword acts at once: an opt-out
 * or opt-in for the number, or the HELP answer queued to it. Any other text is stored WAITING and,
 * once that is committed, handed to {@link InboundTexts}.
 */
@Component
class SmsInbound {

	private static final Logger log = LoggerFactory.getLogger(SmsInbound.class);

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SmsOptOuts optOuts;

	private final SmsOutbox outbox;

	private final SmsHelp help;

	private final InboundTexts inboundTexts;

	private final Clock clock;

	SmsInbound(JdbcClient jdbc, TransactionTemplate transactions, SmsOptOuts optOuts,
			SmsOutbox outbox, SmsHelp help, InboundTexts inboundTexts, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.optOuts = optOuts;
		this.outbox = outbox;
		this.help = help;
		this.inboundTexts = inboundTexts;
		this.clock = clock;
	}

	/** Handles one inbound text; a second delivery of the same provider message changes nothing. */
	void receive(String providerSid, String from, String to, String body) {
		Instant now = clock.instant();
		Optional<SmsKeyword> keyword = SmsKeyword.of(body);
		boolean phone = E164.matcher(from).matches();
		InboundText stored = transactions.execute(status -> {
			UUID id = UUID.randomUUID();
			int inserted = jdbc.sql("""
					insert into messaging.sms_inbound (id, provider_sid, from_number, to_number, body, received_at, keyword, status)
					values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider_sid) do nothing""")
				.params(id, providerSid, from, to, body, Timestamp.from(now), keyword.map(Enum::name).orElse(null),
						keyword.isPresent() ? "KEYWORD" : "WAITING")
				.update();
			if (inserted == 0) {
				return null;
			}
			if (keyword.isPresent() && phone) {
				switch (keyword.get()) {
					case OPT_OUT -> optOuts.optOut(from, body.strip().toUpperCase(Locale.ROOT));
					case OPT_IN -> optOuts.optIn(from);
					case HELP -> {
						SmsHelp.Answer answer = help.answerFor(from);
						outbox.queue(from, answer.text(), answer.language(), "SMS_HELP", id.toString());
					}
				}
			}
			return new InboundText(id, from, to, body, providerSid, now);
		});
		if (stored == null) {
			log.debug("Inbound text {} was already received", providerSid);
			return;
		}
		if (keyword.isEmpty()) {
			try {
				inboundTexts.received(stored);
			}
			catch (RuntimeException ex) {
				// Stored and WAITING: the office sees it even if routing failed.
				log.warn("Inbound text {} could not be routed ({}); it waits for the school office", stored.id(),
						ex.getClass().getSimpleName());
			}
		}
	}
}
