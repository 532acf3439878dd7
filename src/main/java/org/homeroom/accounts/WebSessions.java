package org.homeroom.accounts;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's web sessions, read from Spring Session's table. Pages name a session by its row's
 * primary id, never by its session id: the session id is what the cookie carries, a secret.
 */
@Component
public class WebSessions {

	private final JdbcClient jdbc;

	WebSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account's live sessions, the most recently used first; {@code current} marks the caller's own. */
	List<WebSession> of(String username, String currentSessionId) {
		return jdbc.sql("""
				select primary_id, session_id, creation_time, last_access_time from spring_session
				where principal_name = ? and expiry_time > ? order by last_access_time desc""")
			.params(username, System.currentTimeMillis())
			.query((rs, row) -> new WebSession(rs.getString(1).strip(), Instant.ofEpochMilli(rs.getLong(3)),
					Instant.ofEpochMilli(rs.getLong(4)), rs.getString(2).strip().equals(currentSessionId)))
			.list();
	}

	/** Ends one of the account's sessions; its next request finds itself signed out. */
	boolean end(String username, String primaryId) {
		return jdbc.sql("delete from spring_session where principal_name = ? and primary_id = ?")
			.params(username, primaryId).update() > 0;
	}

	/** Ends every session of the account but the one named (null: all of them). */
	public int endAll(String username, String exceptSessionId) {
		return jdbc.sql("delete from spring_session where principal_name = ? and session_id <> coalesce(?, '')")
			.params(username, exceptSessionId).update();
	}

	record WebSession(String id, Instant createdAt, Instant lastActiveAt, boolean current) {
	}
}
