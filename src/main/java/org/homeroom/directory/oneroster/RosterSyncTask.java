package org.homeroom.directory.oneroster;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled sync's recurring db-scheduler task. db-scheduler keeps its one execution in
 * {@code platform.scheduled_tasks} and lets one node at a time take it, so that a cluster looks in
 * the drop folder once per minute, not once per node; whether a run is due, by the district's own
 * interval, is the sync's to decide ({@link RosterSync#runIfDue}).
 */
@Configuration(proxyBeanMethods = false)
class RosterSyncTask {

	static final String NAME = "roster-sync";

	@Bean
	RecurringTask<Void> recurringRosterSync(RosterSync sync) {
		return Tasks.recurring(NAME, FixedDelay.ofMinutes(1)).execute((instance, context) -> sync.runIfDue());
	}
}
