package org.homeroom.platform;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the demo district the first time Homeroom starts in demo mode, and records that it did so
 * that later starts (or a second node starting at the same moment) keep the data as it is.
 */
@Component
@ConditionalOnBooleanProperty("homeroom.demo.enabled")
class DemoSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final JdbcClient jdbc;

	private final List<DemoData> contributions;

	DemoSeeder(JdbcClient jdbc, List<DemoData> contributions) {
		this.jdbc = jdbc;
		this.contributions = contributions;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		seedOnce();
	}

	/** Returns whether this call seeded; the insert's row lock keeps two nodes from both seeding. */
	@Transactional
	public boolean seedOnce() {
		int claimed = jdbc.sql("insert into platform.demo_seed (id, seeded_at) values (1, now()) on conflict do nothing")
			.update();
		if (claimed == 0) {
			return false;
		}
		contributions.forEach(DemoData::seed);
		log.info("Seeded the demo district ({} contributions)", contributions.size());
		return true;
	}
}
