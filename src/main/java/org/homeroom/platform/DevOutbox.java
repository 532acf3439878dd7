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
 */
@Component
public class DevOutbox {

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

	/** Newest first; {@code recipient} filters on a part of the address when not blank. */
	@Transactional(readOnly = true)
	public List<OutboxMessage> latest(String recipient, int offset, int limit) {
		return jdbc.sql("""
				select id, channel, recipient, subject, body, created_at from platform.outbox_message
				where :recipient = '' or recipient ilike '%' || :recipient || '%'
				order by created_at desc, id
				offset :offset limit :limit""")
			.param("recipient", recipient == null ? "" : recipient.trim())
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, row) -> new OutboxMessage(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
					rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	public record OutboxMessage(UUID id, Channel channel, String recipient, String subject, String body,
			Instant createdAt) {
	}
}
