package org.homeroom.messaging.textreplies;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What becomes of the texts families send in, beyond the SMS channel's WAITING and ROUTED: the
 * thread a text went to and who filed it, texts the office dismissed, and the numbered menus that
 * ask a family which thread a reply belongs to. Every change is conditional on the text still
 * WAITING, so a text is routed once, whoever gets there first.
 */
@Repository
class TextReplyStore {

	/** A menu still waiting for the family's number: the replies it holds and the threads it offered. */
	record OpenMenu(List<UUID> waitingReplies, List<UUID> options) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	TextReplyStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Marks a waiting text routed into the thread; false when it was no longer waiting. */
	boolean route(UUID textId, UUID conversationId, String by) {
		return jdbc.sql("""
				update messaging.sms_inbound set status = 'ROUTED', routed_at = ?, conversation_id = ?, handled_by = ?
				where id = ? and status = 'WAITING'""")
			.params(Timestamp.from(clock.instant()), conversationId, by, textId).update() == 1;
	}

	/** The conversation message a routed text became (what an automatic answer to it goes back by SMS for). */
	void became(UUID textId, UUID messageId) {
		jdbc.sql("update messaging.sms_inbound set message_id = ? where id = ?").params(messageId, textId).update();
	}

	/** Marks a waiting text as handled without a thread: a menu answer, or dismissed by the office. */
	boolean close(UUID textId, String status, String by) {
		return jdbc.sql("""
				update messaging.sms_inbound set status = ?, routed_at = ?, handled_by = ? where id = ? and status = 'WAITING'""")
			.params(status, Timestamp.from(clock.instant()), by, textId).update() == 1;
	}

	/** Whether the text still waits for someone to route it. */
	boolean waiting(UUID textId) {
		return jdbc.sql("select exists (select 1 from messaging.sms_inbound where id = ? and status = 'WAITING')")
			.param(textId).query(Boolean.class).single();
	}

	/** Keeps the reply waiting on a menu of these threads, numbered in this order. */
	void holdOnMenu(UUID textId, UUID guardianId, String phone, List<UUID> options) {
		jdbc.sql("""
				insert into messaging.sms_reply_menu (inbound_id, guardian_id, phone, options, sent_at)
				values (?, ?, ?, ?::uuid[], ?) on conflict (inbound_id) do nothing""")
			.params(textId, guardianId, phone, options.stream().map(UUID::toString).toArray(String[]::new),
					Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * The guardian's menu sent to this phone since the given time and not answered yet: its latest
	 * options (what the family saw last) and every reply of theirs still waiting on it.
	 */
	Optional<OpenMenu> openMenu(UUID guardianId, String phone, Instant since) {
		List<Object[]> rows = jdbc.sql("""
				select m.inbound_id, m.options from messaging.sms_reply_menu m
				join messaging.sms_inbound i on i.id = m.inbound_id and i.status = 'WAITING'
				where m.guardian_id = ? and m.phone = ? and m.answered_at is null and m.sent_at >= ?
				order by m.sent_at, m.inbound_id""")
			.params(guardianId, phone, Timestamp.from(since))
			.query((rs, row) -> new Object[] { rs.getObject(1, UUID.class), uuids(rs.getArray(2)) })
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		@SuppressWarnings("unchecked")
		List<UUID> latest = (List<UUID>) rows.get(rows.size() - 1)[1];
		return Optional.of(new OpenMenu(rows.stream().map(row -> (UUID) row[0]).toList(), latest));
	}

	/** The menu that held this reply is answered. */
	void menuAnswered(UUID textId) {
		jdbc.sql("update messaging.sms_reply_menu set answered_at = ? where inbound_id = ?")
			.params(Timestamp.from(clock.instant()), textId).update();
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		return Arrays.asList((UUID[]) array.getArray());
	}
}
