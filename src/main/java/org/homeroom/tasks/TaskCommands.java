package org.homeroom.tasks;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What staff send to create, change and find tasks, over the API and from the pages alike. */
public final class TaskCommands {

	public static final int PAGE_SIZE = 25;

	private TaskCommands() {
	}

	/** A task a member of staff opens by hand. */
	public record NewStaffTask(@NotBlank @Size(max = 200) String title, UUID studentId, UUID guardianId,
			@Size(max = 320) String assigneeUsername, LocalDate due, @Size(max = 4000) String notes) {
	}

	/**
	 * A change to a task; every field is optional, and all of it applies or none of it does.
	 *
	 * @param status the status to move to: {@code IN_PROGRESS} starts, {@code DONE} completes (with an
	 *     optional {@code outcome}), {@code CANCELLED} cancels (with a required {@code reason}),
	 *     {@code OPEN} reopens a closed task
	 * @param assigneeUsername a staff member's sign-in name; an empty string leaves it unassigned
	 * @param note a note to add
	 * @param version the version the change was made against; a task changed since is a conflict
	 */
	public record TaskChanges(TaskStatus status, @Size(max = 4000) String outcome, @Size(max = 4000) String reason,
			@Size(max = 320) String assigneeUsername, LocalDate due, @Size(max = 4000) String note, Long version) {
	}

	/** What the due date filter can ask for. */
	public enum Due {
		OVERDUE, WEEK
	}

	/**
	 * A search of the queue. Every criterion is optional.
	 *
	 * @param status one status, or {@code null} for any; {@code active} asks for open or in progress
	 * @param assignee a sign-in name, already resolved from {@code me}
	 */
	public record Criteria(List<TaskStatus> status, String assignee, UUID studentId, Due due, String q, int page) {

		public Criteria {
			status = status == null ? List.of() : List.copyOf(status);
			q = q == null ? "" : q.strip();
			page = Math.max(page, 0);
		}

		String describe() {
			return "status=" + status + " assignee=" + (assignee == null ? "" : assignee) + " studentId="
					+ (studentId == null ? "" : studentId) + " due=" + (due == null ? "" : due) + " q=" + q;
		}
	}

	public record Page(List<TaskView> items, int page, int size, long total) {
	}
}
