package org.homeroom.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A task as staff see it. The student's and guardian's names are filled in only for a reader the
 * directory lets see them, which is the only kind of reader who gets a task at all.
 *
 * @param createdBy who opened it, or null when another module opened it on its own (see source)
 */
public record TaskView(UUID id, String title, TaskStatus status, UUID studentId, String studentName, UUID guardianId,
		String guardianName, String assignee, LocalDate due, String outcome, String source, String createdBy,
		Instant createdAt, Instant closedAt, long version, List<Note> notes) {

	public record Note(String author, Instant writtenAt, String body) {
	}

	/** Whether the due date has passed on an open task, as of {@code today}. */
	public boolean overdueOn(LocalDate today) {
		return due != null && !status.closed() && due.isBefore(today);
	}
}
