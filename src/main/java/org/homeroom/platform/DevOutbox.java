package org.homeroom.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * In demo mode, every message Homeroom would send (e-mail, SMS, sign-in codes) is also written
 * here, so that a person trying Homeroom, or a browser test, can read it at {@code /dev/outbox}.
 * Channels call {@link #record} only when demo mode is on; outside demo mode the pages do not exist.
 * Who reads which messages is {@link Readers}.
 */
@Component
public class DevOutbox {

	/**
	 * One e-mail address in a domain that RFC 2606 reserves for examples, so it can never reach a
	 * real person: {@code .test}, {@code .example}, {@code example.com}, {@code example.org},
	 * {@code example.net}, and their subdomains. The demo district's addresses are all of these.
	 * A PostgreSQL regular expression, matched without regard to case.
	 */
	static final String EXAMPLE_ADDRESS = "^[^@[:space:],;<>]+@([a-z0-9-]+\\.)*"
			+ "(test|example|example\\.com|example\\.org|example\\.net)$";

	/**
	 * A North American number in the 555-0100 to 555-0199 range, which the numbering plan keeps for
	 * fiction, so it can never reach a real person; the demo district's phones are all of these.
	 */
	static final String FICTIONAL_NUMBER = "^\\+1[2-9][0-9]{2}55501[0-9]{2}$";

	private final JdbcClient jdbc;

	DevOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The ways Homeroom reaches people. */
	public enum Channel {
		EMAIL, SMS, IN_APP
	}

	@Transactional
	public void record(Channel channel, String recipient, String subject, String body) {
		jdbc.sql("""
				insert into platform.outbox_message (id, channel, recipient, subject, body, created_at)
				values (:id, :channel, :recipient, :subject, :body, now())""")
			.param("id", UUID.randomUUID())
			.param("channel", channel.name())
			.param("recipient", recipient)
			.param("subject", subject)
			.param("body", body)
			.update();
	}

	/**
	 * Newest first, all of them, as a district administrator reads them; {@code recipient} filters
	 * on a part of the address when not blank.
	 */
	@Transactional(readOnly = true)
	public List<OutboxMessage> latest(String recipient, int offset, int limit) {
		return latest(recipient, Readers.DISTRICT_ADMINISTRATORS, offset, limit);
	}

	/**
	 * Newest first, of the messages that {@code reader} may see; {@code recipient} filters on a
	 * part of the address when not blank.
	 */
	@Transactional(readOnly = true)
	public List<OutboxMessage> latest(String recipient, Readers reader, int offset, int limit) {
		return jdbc.sql("""
				select id, channel, recipient, subject, body, created_at from platform.outbox_message
				where (:recipient = '' or recipient ilike '%' || :recipient || '%')
				and (:everything or recipient ~* :exampleAddress or (channel = 'SMS' and recipient ~ :fictionalNumber))
				order by created_at desc, id
				offset :offset limit :limit""")
			.param("recipient", recipient == null ? "" : recipient.trim())
			.param("everything", reader == Readers.DISTRICT_ADMINISTRATORS)
			.param("exampleAddress", EXAMPLE_ADDRESS)
			.param("fictionalNumber", FICTIONAL_NUMBER)
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, row) -> new OutboxMessage(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
					rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/**
	 * Who reads the outbox. It holds sign-in codes and password-reset links, so only a district
	 * administrator reads all of it. Anyone else, signed in or not, reads the messages to the demo
	 * district's addresses only (example e-mail domains, and texts to fictional 555-01xx numbers): a family trying the demo finds its code there before it has an
	 * account, while a trial that imports a real roster does not hand its families' codes to
	 * whoever can reach the server.
	 */
	public enum Readers {
		ANYONE, DISTRICT_ADMINISTRATORS
	}

	public record OutboxMessage(UUID id, Channel channel, String recipient, String subject, String body,
			Instant createdAt) {
	}
}
