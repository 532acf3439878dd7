package org.homeroom.tasks;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;

/** Reads the queue's filters as the API and the pages take them, into {@link TaskCommands.Criteria}. */
final class TaskFilters {

	static final String ACTIVE = "ACTIVE";

	static final String ME = "me";

	private TaskFilters() {
	}

	static TaskCommands.Criteria criteria(Viewer reader, String status, String assignee, UUID studentId,
			TaskCommands.Due due, String q, int page) {
		return new TaskCommands.Criteria(statuses(status), ME.equals(assignee) ? reader.name() : blankToNull(assignee),
				studentId, due, q, page);
	}

	private static List<TaskStatus> statuses(String status) {
		if (status == null || status.isBlank()) {
			return List.of();
		}
		if (ACTIVE.equalsIgnoreCase(status)) {
			return List.of(TaskStatus.OPEN, TaskStatus.IN_PROGRESS);
		}
		try {
			return List.of(TaskStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "Not a status: " + status
					+ ". Use OPEN, IN_PROGRESS, DONE, CANCELLED or ACTIVE");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
