package org.homeroom.accounts;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The devices a person stays signed in on, as they see and revoke them on their account page. */
@Component
public class RememberedDevices {

	private final JdbcClient jdbc;

	RememberedDevices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Device> of(String username) {
		return jdbc.sql("select series, last_used from persistent_logins where username = ? order by last_used desc")
			.param(username)
			.query((rs, row) -> new Device(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/** Signs one device out: its next visit finds no token and asks for a code again. */
	void revoke(String username, String series) {
		jdbc.sql("delete from persistent_logins where username = ? and series = ?").params(username, series).update();
	}

	/** Signs every device of the account out, as when the account is deactivated or its password reset. */
	public void revokeAll(String username) {
		jdbc.sql("delete from persistent_logins where username = ?").param(username).update();
	}

	record Device(String series, Instant lastUsed) {
	}
}
