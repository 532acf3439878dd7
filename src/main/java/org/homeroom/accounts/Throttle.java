package org.homeroom.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts requests per key in a sliding window, in the database, so that every node shares one
 * count. A refused request is not counted, so waiting out the window always works.
 *
 * <p>{@link #acquire} checks and counts under a lock on the key, held until its transaction
 * commits: without it, requests that arrive together all read the same count, all pass, and a
 * limit of five lets through as many guesses as an attacker sends at once.
 */
@Component
public class Throttle {

	/** At most {@code max} events for {@code key} in {@code scope} within {@code window}. */
	record Limit(String scope, String key, int max, Duration window) {
	}

	private static final Comparator<Limit> LOCK_ORDER = Comparator.comparing(Limit::scope).thenComparing(Limit::key);

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
	public long count(String scope, String key, Duration window) {
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
	public void clear(String scope, String key) {
		jdbc.sql("delete from accounts.throttle_event where scope = ? and key = ?").params(scope, key).update();
	}

	/** Takes back the newest event of the key, as for an attempt that turned out to deserve no count. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void forgetOne(String scope, String key) {
		jdbc.sql("""
				delete from accounts.throttle_event where ctid = (select ctid from accounts.throttle_event
				where scope = ? and key = ? order by at desc limit 1)""").params(scope, key).update();
	}

	/** Records one request, or throws when {@code limit} were made within {@code window}. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void acquire(String scope, String key, int limit, Duration window) {
		acquire(new Limit(scope, key, limit, window));
	}

	/**
	 * Records one event under every limit, or none and throws when any of them is reached. Two
	 * requests for the same key wait for each other, so no two of them see the same count.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void acquire(Limit... limits) {
		List<Limit> ordered = Arrays.stream(limits).sorted(LOCK_ORDER).toList();
		// Always locked in the same order, so that two requests sharing two keys cannot deadlock.
		for (Limit limit : ordered) {
			// A transaction-level lock on the key's hash: it needs no row to exist yet, and goes at commit.
			jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || chr(31) || ?, 0))")
				.params(limit.scope(), limit.key())
				.query(rs -> {
				});
		}
		// Counted after the locks, so each count (a statement of its own) sees what the previous holder committed.
		for (Limit limit : ordered) {
			if (count(limit.scope(), limit.key(), limit.window()) >= limit.max()) {
				throw new TooManyRequestsException(limit.window());
			}
		}
		for (Limit limit : ordered) {
			record(limit.scope(), limit.key());
		}
	}
}
