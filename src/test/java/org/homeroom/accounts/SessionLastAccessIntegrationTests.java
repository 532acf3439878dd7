package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A session's last access is written at most once a minute, and a session still ends after being
 * idle for the session timeout (8 hours): pages within a minute of the last write leave the row
 * alone; the first page after it moves the last access and the expiry; an idle session is over.
 */
@IntegrationTest
class SessionLastAccessIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofHours(8);

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void pagesWithinAMinuteOfTheLastWriteLeaveTheSessionRowAlone() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);
		long written = lastAccess(email);

		for (int page = 0; page < 3; page++) {
			mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());
		}

		assertThat(lastAccess(email)).isEqualTo(written);
	}

	@Test
	void theFirstPageAMinuteLaterMovesTheLastAccessAndTheExpiry() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);
		idleFor(email, Duration.ofSeconds(61));
		long before = System.currentTimeMillis();

		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());

		assertThat(lastAccess(email)).isGreaterThanOrEqualTo(before);
		assertThat(expiry(email)).isEqualTo(lastAccess(email) + TIMEOUT.toMillis());
	}

	@Test
	void aSessionUsedJustBeforeItsTimeoutLivesAnotherTimeout() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);
		idleFor(email, TIMEOUT.minusSeconds(30));

		mvc.perform(get("/account").cookie(session)).andExpect(status().isOk());

		assertThat(expiry(email)).isGreaterThan(System.currentTimeMillis() + TIMEOUT.minusMinutes(1).toMillis());
	}

	@Test
	void aSessionIdleForLongerThanTheTimeoutIsOver() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);
		idleFor(email, TIMEOUT.plusSeconds(30));

		mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/sign-in"));
	}

	/** As if the session's last access had been written this long ago. */
	private void idleFor(String email, Duration idle) {
		long at = System.currentTimeMillis() - idle.toMillis();
		jdbc.sql("update spring_session set last_access_time = ?, expiry_time = ? + max_inactive_interval * 1000::bigint "
				+ "where principal_name = ?").params(at, at, email).update();
	}

	private long lastAccess(String email) {
		return jdbc.sql("select last_access_time from spring_session where principal_name = ?").param(email)
			.query(Long.class).single();
	}

	private long expiry(String email) {
		return jdbc.sql("select expiry_time from spring_session where principal_name = ?").param(email)
			.query(Long.class).single();
	}
}
