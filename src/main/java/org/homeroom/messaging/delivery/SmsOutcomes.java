package org.homeroom.messaging.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.homeroom.messaging.sms.SmsStatusCallbacks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what became of an announcement's text once the provider call is over, each in a
 * transaction of its own (never around the call). A text Twilio took keeps its sid, and a status
 * Twilio sent before the sid was stored is applied in the same transaction (see
 * {@link SmsStatusCallbacks}). A text whose number opted out (STOP since it was queued, or Twilio's
 * own word) is SKIPPED, and its fallback, on the guardian's next channel, is made in that
 * transaction (see {@link Fallbacks#afterSkip}).
 */
@Component
class SmsOutcomes {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SmsStatusCallbacks statusCallbacks;

	private final Fallbacks fallbacks;

	private final Clock clock;

	SmsOutcomes(JdbcClient jdbc, TransactionTemplate transactions, SmsStatusCallbacks statusCallbacks, Fallbacks fallbacks,
			Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.statusCallbacks = statusCallbacks;
		this.fallbacks = fallbacks;
		this.clock = clock;
	}

	/** The provider took the text held by {@code node}. */
	void sent(UUID delivery, UUID node, String providerSid) {
		transactions.executeWithoutResult(status -> {
			int changed = jdbc.sql("""
					update messaging.delivery set status = 'SENT', sent_at = ?, provider_sid = ?, last_error = null
					where id = ? and claimed_by = ?""")
				.params(Timestamp.from(clock.instant()), providerSid, delivery, node).update();
			if (changed == 1) {
				statusCallbacks.sidStored(providerSid);
			}
		});
	}

	/** The number opted out: nothing went, and the guardian's next channel takes over. */
	void optedOut(UUID delivery, UUID node) {
		transactions.executeWithoutResult(status -> {
			int changed = jdbc.sql("""
					update messaging.delivery set status = 'SKIPPED', skipped_reason = 'OPTED_OUT_SMS', claimed_by = null
					where id = ? and claimed_by = ?""").params(delivery, node).update();
			if (changed == 1) {
				fallbacks.afterSkip(delivery);
			}
		});
	}
}
