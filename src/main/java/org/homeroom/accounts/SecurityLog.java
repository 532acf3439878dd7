package org.homeroom.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrators' record of what happened to accounts. An event is written in a transaction of
 * its own, so that a refused sign-in is recorded even though nothing else about it is kept.
 */
@Component
public class SecurityLog {

	static final int PAGE_SIZE = 50;

	public enum Kind {
		SIGNED_IN, SIGN_IN_FAILED, SIGN_IN_PAUSED, FAMILY_SIGNED_IN, TOKEN_CREATED, TOKEN_REVOKED, DEVICE_SIGNED_OUT,
		FIRST_ADMIN_CREATED, TWO_STEP_ENABLED, TWO_STEP_PASSED, TWO_STEP_FAILED, TWO_STEP_DISABLED, TWO_STEP_RESET,
		RECOVERY_CODE_USED, RECOVERY_CODES_REPLACED, TWO_STEP_POLICY_CHANGED,
		// Account management: invitations, roles, deactivation, password resets, sessions.
		INVITED, INVITATION_ACCEPTED, ROLE_GRANTED, ROLE_REVOKED, ACCOUNT_DEACTIVATED, ACCOUNT_REACTIVATED,
		PASSWORD_RESET_REQUESTED, PASSWORD_RESET, SESSION_ENDED
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	SecurityLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(Kind kind, String username, String clientAddress, String detail) {
		jdbc.sql("""
				insert into accounts.security_event (id, at, kind, username, client_address, detail)
				values (?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), Timestamp.from(clock.instant()), kind.name(), username, clientAddress, detail)
			.update();
		// Every way of signing in ends up here, so the account list's "last sign-in" is kept here too.
		if (kind == Kind.SIGNED_IN || kind == Kind.FAMILY_SIGNED_IN) {
			jdbc.sql("update accounts.account set last_signed_in_at = ? where username = ?")
				.params(Timestamp.from(clock.instant()), username).update();
		}
	}

	/** Newest first, optionally for accounts whose sign-in name contains {@code account}. */
	@Transactional(readOnly = true)
	Page page(String account, int page) {
		String filter = account == null ? "" : account.strip().toLowerCase(java.util.Locale.ROOT);
		String where = " where (:account = '' or username like '%' || :account || '%')";
		long total = jdbc.sql("select count(*) from accounts.security_event" + where).param("account", filter)
			.query(Long.class).single();
		List<Event> events = jdbc.sql("select at, kind, username, client_address, detail from accounts.security_event"
				+ where + " order by at desc, id limit :limit offset :offset")
			.param("account", filter)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) Math.max(page, 0) * PAGE_SIZE)
			.query((rs, row) -> new Event(rs.getTimestamp(1).toInstant(), Kind.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.list();
		return new Page(events, total);
	}

	record Event(Instant at, Kind kind, String username, String clientAddress, String detail) {
	}

	record Page(List<Event> events, long total) {
	}
}
