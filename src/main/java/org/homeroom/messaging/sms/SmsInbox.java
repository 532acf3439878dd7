package org.homeroom.messaging.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The texts families sent in that are not keywords: those WAITING are the school office's queue,
 * until conversations route them. Read here by whoever handles that queue; never shown to a family.
 */
@Service
public class SmsInbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	SmsInbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The oldest texts still waiting, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<InboundText> waiting(int limit) {
		return jdbc.sql("""
				select id, from_number as "from", to_number as "to", body, provider_sid, received_at from messaging.sms_inbound
				where status = 'WAITING' order by received_at, id limit ?""")
			.param(Math.max(1, Math.min(limit, 500)))
			.query(InboundText.class).list();
	}

	/** One stored text, whatever its status. */
	@Transactional(readOnly = true)
	public Optional<InboundText> text(UUID id) {
		return jdbc.sql("""
				select id, from_number as "from", to_number as "to", body, provider_sid, received_at
				from messaging.sms_inbound where id = ?""")
			.param(id).query(InboundText.class).optional();
	}

	/** The text was delivered into a conversation; answers false when it was not waiting (already routed). */
	@Transactional
	public boolean markRouted(UUID id) {
		return jdbc.sql("update messaging.sms_inbound set status = 'ROUTED', routed_at = ? where id = ? and status = 'WAITING'")
			.params(Timestamp.from(clock.instant()), id).update() == 1;
	}
}
