package org.homeroom.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.platform.RetentionDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the accounts rows that have served their purpose: counted requests older than any throttle
 * window, expired one-time codes and e-mailed links, expired web sessions, remembered devices not
 * seen for longer than a device is remembered, and old security log events. A recurring
 * db-scheduler task, so that one node of a cluster does it once an hour. Periods: {@link
 * AccountsSettings.Retention} and docs/retention.md.
 */
@Component
class AccountsRetention {

	static final String TASK = "accounts-retention";

	private static final Logger log = LoggerFactory.getLogger(AccountsRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AccountsSettings.Retention retention;

	AccountsRetention(JdbcClient jdbc, Clock clock, AccountsSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = settings.retention();
	}

	@Bean
	RecurringTask<Void> accountsRetentionTask() {
		return Tasks.recurring(TASK, FixedDelay.ofHours(1)).execute((instance, context) -> deleteExpired());
	}

	/** Deletes what is past its period; returns how many rows went. */
	long deleteExpired() {
		Instant now = clock.instant();
		long throttle = RetentionDeletes.delete(jdbc, "accounts.throttle_event", "at < :before",
				before(now, retention.throttleEvents()));
		long codes = RetentionDeletes.delete(jdbc, "accounts.sign_in_code", "expires_at < :before",
				before(now, retention.oneTimeCodes()));
		long links = RetentionDeletes.delete(jdbc, "accounts.account_link", "expires_at < :before",
				before(now, retention.links()));
		// Spring Session's own expiry, in epoch milliseconds: an expired session can never be resumed.
		long sessions = RetentionDeletes.delete(jdbc, "spring_session", "expiry_time < :now",
				Map.of("now", now.toEpochMilli()));
		// A device's token is refused once it is older than a device is remembered, so its row is dead.
		long devices = RetentionDeletes.delete(jdbc, "persistent_logins", "last_used < :before",
				before(now, SecurityConfiguration.REMEMBERED_FOR));
		long events = RetentionDeletes.delete(jdbc, "accounts.security_event", "at < :before",
				before(now, retention.securityLog()));
		long deleted = throttle + codes + links + sessions + devices + events;
		if (deleted > 0) {
			log.info("Retention deleted {} throttle events, {} one-time codes, {} links, {} sessions, {} devices and {} "
					+ "security log events", throttle, codes, links, sessions, devices, events);
		}
		return deleted;
	}

	private static Map<String, Object> before(Instant now, java.time.Duration period) {
		return Map.of("before", Timestamp.from(now.minus(period)));
	}
}
