package org.homeroom.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts requests per key in a sliding window, in the database, so that every node shares one
 * count. A refused request is not counted, so waiting out the window always works.
 */
@Component
class Throttle {

	private final JdbcClient jdbc;

	private final Clock clock;

	Throttle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Events older than this are of no use to any window here, and are deleted as new ones come. */
	static final Duration KEPT_FOR = Duration.ofDays(1);

	/** How many events were recorded for the key within the window. */
	@Transactional(readOnly = true)
	long count(String scope, String key, Duration window) {
		return jdbc.sql("select count(*) from accounts.throttle_event where scope = ? and key = ? and at >= ?")
			.params(scope, key, Timestamp.from(clock.instant().minus(window))).query(Long.class).single();
	}

	/** Records one event for the key, and forgets the key's events too old to count. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void record(String scope, String key) {
		Instant now = clock.instant();
		jdbc.sql("delete from accounts.throttle_event where scope = ? and key = ? and at < ?")
			.params(scope, key, Timestamp.from(now.minus(KEPT_FOR))).update();
		jdbc.sql("insert into accounts.throttle_event (scope, key, at) values (?, ?, ?)")
			.params(scope, key, Timestamp.from(now)).update();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void clear(String scope, String key) {
		jdbc.sql("delete from accounts.throttle_event where scope = ? and key = ?").params(scope, key).update();
	}

	/** Records one request, or throws when {@code limit} were made within {@code window}. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void acquire(String scope, String key, int limit, Duration window) {
		if (count(scope, key, window) >= limit) {
			throw new TooManyRequestsException(window);
		}
		record(scope, key);
	}
}
