package org.homeroom.messaging.delivery;

import java.util.List;
import java.util.UUID;

import org.homeroom.messaging.sms.SmsOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the SMS provider's status callback says of an announcement's text: SENT, DELIVERED,
 * UNDELIVERED or FAILED. Only a SENT delivery moves, so a late or repeated callback never takes one
 * back; a text that the provider could not deliver falls back to the guardian's next channel at once.
 */
@Component
public class SmsDeliveryStatus {

	private final JdbcClient jdbc;

	private final Fallbacks fallbacks;

	SmsDeliveryStatus(JdbcClient jdbc, Fallbacks fallbacks) {
		this.jdbc = jdbc;
		this.fallbacks = fallbacks;
	}

	/** @return whether a delivery had that provider id */
	@Transactional
	public boolean providerSaid(String providerSid, String providerStatus, String errorCode) {
		String status = SmsOutbox.statusOf(providerStatus);
		List<Moved> moved = jdbc.sql("""
				update messaging.delivery d set
				       status = case when :status::text is null or o.was <> 'SENT' then d.status else :status::text end,
				       last_error = case when :status::text in ('UNDELIVERED', 'FAILED') and o.was = 'SENT'
				                         then 'Twilio error ' || coalesce(:code::text, 'unknown') else d.last_error end
				from (select id, status as was from messaging.delivery where provider_sid = :sid for update) o
				where d.id = o.id
				returning d.id, o.was, d.status""")
			.param("status", status)
			.param("code", errorCode)
			.param("sid", providerSid)
			.query(Moved.class).list();
		for (Moved delivery : moved) {
			if (!delivery.was().equals(delivery.status())
					&& ("UNDELIVERED".equals(delivery.status()) || "FAILED".equals(delivery.status()))) {
				fallbacks.afterFailure(delivery.id());
			}
		}
		return !moved.isEmpty();
	}

	private record Moved(UUID id, String was, String status) {
	}
}
