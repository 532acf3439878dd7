package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Accounts forgets what has served its purpose, and keeps what still may serve. */
@IntegrationTest
class AccountsRetentionIntegrationTests {

	@Autowired
	AccountsRetention retention;

	@Autowired
	JdbcClient jdbc;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final Instant now = Instant.now();

	@Test
	void throttleEventsOlderThanADayGoAndYoungerOnesStay() {
		throttleEvent("old", now.minus(Duration.ofHours(25)));
		throttleEvent("young", now.minus(Duration.ofHours(23)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select key from accounts.throttle_event where scope = ?").param(tag).query(String.class).list())
			.containsExactly("young");
	}

	@Test
	void oneTimeCodesADayPastTheirExpiryGoAndOthersStay() {
		code("expired-long-ago", now.minus(Duration.ofHours(25)));
		code("expired-just-now", now.minus(Duration.ofMinutes(5)));
		code("still-good", now.plus(Duration.ofMinutes(5)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select code_hash from accounts.sign_in_code where contact = ?").param(tag + "@family.test")
			.query(String.class).list()).containsExactlyInAnyOrder("expired-just-now", "still-good");
	}

	@Test
	void linksADayPastTheirExpiryGoAndOthersStay() {
		link("expired-long-ago", now.minus(Duration.ofHours(25)));
		link("expired-just-now", now.minus(Duration.ofMinutes(5)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select token_hash from accounts.account_link where email = ?").param(tag + "@district.test")
			.query(String.class).list()).containsExactly(tag + "expired-just-now");
	}

	@Test
	void expiredSessionsGoWithTheirAttributesAndLiveOnesStay() {
		session("expired", now.minus(Duration.ofMinutes(1)));
		session("live", now.plus(Duration.ofHours(1)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select principal_name from spring_session where principal_name like ?").param(tag + "%")
			.query(String.class).list()).containsExactly(tag + "-live");
		assertThat(jdbc.sql("select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id where s.principal_name like ?")
			.param(tag + "%").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void devicesNotSeenForLongerThanADeviceIsRememberedGo() {
		device("forgotten", now.minus(SecurityConfiguration.REMEMBERED_FOR).minus(Duration.ofDays(1)));
		device("remembered", now.minus(SecurityConfiguration.REMEMBERED_FOR).plus(Duration.ofDays(1)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select series from persistent_logins where username = ?").param(tag).query(String.class).list())
			.containsExactly(tag + "-remembered");
	}

	@Test
	void securityLogEventsOlderThanAYearGo() {
		securityEvent("last-year", now.minus(Duration.ofDays(366)));
		securityEvent("this-year", now.minus(Duration.ofDays(364)));

		retention.deleteExpired();

		assertThat(jdbc.sql("select detail from accounts.security_event where username = ?").param(tag).query(String.class)
			.list()).containsExactly("this-year");
	}

	private void throttleEvent(String key, Instant at) {
		jdbc.sql("insert into accounts.throttle_event (scope, key, at) values (?, ?, ?)").params(tag, key, Timestamp.from(at))
			.update();
	}

	private void code(String hash, Instant expiresAt) {
		jdbc.sql("""
				insert into accounts.sign_in_code (id, contact, code_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), tag + "@family.test", hash, Timestamp.from(expiresAt.minus(Duration.ofMinutes(10))),
					Timestamp.from(expiresAt))
			.update();
	}

	private void link(String hash, Instant expiresAt) {
		jdbc.sql("""
				insert into accounts.account_link (id, purpose, token_hash, staff_id, email, language, created_at, expires_at)
				values (?, 'INVITATION', ?, ?, ?, 'en', ?, ?)""")
			.params(UUID.randomUUID(), tag + hash, UUID.randomUUID(), tag + "@district.test",
					Timestamp.from(expiresAt.minus(Duration.ofDays(7))), Timestamp.from(expiresAt))
			.update();
	}

	private void session(String name, Instant expiresAt) {
		String primaryId = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval,
				                            expiry_time, principal_name)
				values (?, ?, ?, ?, 1800, ?, ?)""")
			.params(primaryId, UUID.randomUUID().toString(), expiresAt.minusSeconds(3600).toEpochMilli(),
					expiresAt.minusSeconds(1800).toEpochMilli(), expiresAt.toEpochMilli(), tag + "-" + name)
			.update();
		jdbc.sql("insert into spring_session_attributes (session_primary_id, attribute_name, attribute_bytes) values (?, 'a', ?)")
			.params(primaryId, new byte[] { 1 })
			.update();
	}

	private void device(String series, Instant lastUsed) {
		jdbc.sql("insert into persistent_logins (username, series, token, last_used) values (?, ?, 'token', ?)")
			.params(tag, tag + "-" + series, Timestamp.from(lastUsed))
			.update();
	}

	private void securityEvent(String detail, Instant at) {
		jdbc.sql("insert into accounts.security_event (id, at, kind, username, detail) values (?, ?, 'SIGN_IN', ?, ?)")
			.params(UUID.randomUUID(), Timestamp.from(at), tag, detail)
			.update();
	}
}
