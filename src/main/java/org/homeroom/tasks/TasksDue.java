package org.homeroom.tasks;

import java.util.List;

import org.homeroom.directory.Viewer;
import org.springframework.stereotype.Service;

/**
 * The open tasks assigned to a member of staff, soonest due first (overdue ones first of all, those
 * without a date last), for the staff home. It is the queue's own search, so the access policy and
 * the access log apply as on the tasks page.
 */
@Service
public class TasksDue {

	private final Tasks tasks;

	TasksDue(Tasks tasks) {
		this.tasks = tasks;
	}

	/** What the home shows: the first of the reader's open tasks, and how many there are in all. */
	public record Summary(List<TaskView> tasks, long total) {
	}

	public Summary assignedTo(Viewer reader, int limit) {
		if (!reader.staff()) {
			return new Summary(List.of(), 0);
		}
		TaskCommands.Page page = tasks.list(reader, "home", new TaskCommands.Criteria(
				List.of(TaskStatus.OPEN, TaskStatus.IN_PROGRESS), reader.name(), null, null, "", 0));
		return new Summary(page.items().stream().limit(limit).toList(), page.total());
	}
}
