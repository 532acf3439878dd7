package org.homeroom.directory.oneroster;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the records of this node's running imports alive: a heartbeat every half minute, the phase
 * each has reached, and the closing of imports whose node stopped beating, so that an import cut
 * off by a stopped server is not shown running for ever.
 */
@Component
class ImportHeartbeat {

	/** How often this node says its imports are still running. */
	static final Duration HEARTBEAT = Duration.ofSeconds(30);

	/** How long a running import may go without a heartbeat before it is taken for interrupted. */
	static final Duration INTERRUPTED_AFTER = HEARTBEAT.multipliedBy(4);

	private static final Logger log = LoggerFactory.getLogger(ImportHeartbeat.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	/** The imports this node has recorded as running and not yet finished, queued ones included. */
	private final Set<UUID> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "roster-import-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	ImportHeartbeat(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		heartbeat.scheduleWithFixedDelay(this::beatAndSweep, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
	}

	/** An import this node has recorded as running: it beats until {@link #ended}. */
	void started(UUID id) {
		running.add(id);
	}

	void ended(UUID id) {
		running.remove(id);
	}

	/**
	 * Notes how far a running import has got. Written from the heartbeat's thread, outside the
	 * import's transaction (which nobody else sees until it ends), and never after the import
	 * has finished.
	 */
	void reached(UUID id, RosterImporter.Phase phase) {
		heartbeat.execute(() -> {
			try {
				jdbc.sql("update directory.roster_import set phase = ?, heartbeat_at = ? where id = ? and status = 'RUNNING'")
					.params(phase.name(), Timestamp.from(clock.instant()), id)
					.update();
			}
			catch (RuntimeException ex) {
				log.warn("Could not note how far import {} has got", id, ex);
			}
		});
	}

	private void beatAndSweep() {
		try {
			beat();
			sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Could not keep the running imports' heartbeat; trying again in {}", HEARTBEAT, ex);
		}
	}

	/** Says that this node's imports are still running. */
	void beat() {
		if (!running.isEmpty()) {
			jdbc.sql("update directory.roster_import set heartbeat_at = :now where id in (:ids) and status = 'RUNNING'")
				.param("now", Timestamp.from(clock.instant()))
				.param("ids", List.copyOf(running))
				.update();
		}
	}

	/**
	 * Closes the imports whose node stopped beating: the server was stopped or died mid-import. An
	 * import is one transaction, so nothing of it was applied; the record says so rather than
	 * showing it running for ever. Any node may do this for any other.
	 *
	 * @return how many were closed
	 */
	int sweep() {
		Instant now = clock.instant();
		return jdbc.sql("""
				update directory.roster_import set status = 'REJECTED', finished_at = :now,
				  reason = 'The import was interrupted: the server stopped before it finished. Nothing was changed; import the files again'
				where status = 'RUNNING' and heartbeat_at < :stale and not (id::text = any(string_to_array(:mine, ',')))""")
			.param("now", Timestamp.from(now))
			.param("stale", Timestamp.from(now.minus(INTERRUPTED_AFTER)))
			.param("mine", running.stream().map(UUID::toString).collect(Collectors.joining(",")))
			.update();
	}

	@PreDestroy
	void stop() {
		heartbeat.shutdownNow();
	}
}
