package org.homeroom.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Something a member of staff has to do, perhaps about a student or a guardian. Its status moves
 * only through the methods below, which refuse a move the current status does not allow.
 */
@Entity
@Table(schema = "tasks", name = "task")
class Task {

	@Id
	private UUID id;

	private String title;

	private UUID studentId;

	private UUID guardianId;

	private String assignee;

	private LocalDate dueOn;

	@Enumerated(EnumType.STRING)
	private TaskStatus status;

	private String outcome;

	private String source;

	private String createdBy;

	private Instant createdAt;

	private Instant closedAt;

	@Version
	private long version;

	@ElementCollection
	@CollectionTable(schema = "tasks", name = "task_note", joinColumns = @JoinColumn(name = "task_id"))
	@OrderColumn(name = "position")
	private List<TaskNote> notes = new ArrayList<>();

	protected Task() {
	}

	static Task open(String title, UUID studentId, UUID guardianId, String assignee, LocalDate due, String source,
			String createdBy, Instant at) {
		Task task = new Task();
		task.id = UUID.randomUUID();
		task.title = title;
		task.studentId = studentId;
		task.guardianId = guardianId;
		task.assignee = assignee;
		task.dueOn = due;
		task.status = TaskStatus.OPEN;
		task.source = source;
		task.createdBy = createdBy;
		task.createdAt = at;
		return task;
	}

	void start() {
		requireStatus(TaskStatus.IN_PROGRESS, TaskStatus.OPEN);
		status = TaskStatus.IN_PROGRESS;
	}

	void complete(String outcome, Instant at) {
		requireStatus(TaskStatus.DONE, TaskStatus.OPEN, TaskStatus.IN_PROGRESS);
		close(TaskStatus.DONE, outcome, at);
	}

	/** A cancelled task says why, so that whoever looks later knows it was not simply forgotten. */
	void cancel(String reason, Instant at) {
		requireStatus(TaskStatus.CANCELLED, TaskStatus.OPEN, TaskStatus.IN_PROGRESS);
		close(TaskStatus.CANCELLED, reason, at);
	}

	void reopen() {
		requireStatus(TaskStatus.OPEN, TaskStatus.DONE, TaskStatus.CANCELLED);
		status = TaskStatus.OPEN;
		outcome = null;
		closedAt = null;
	}

	/** @param assignee a member of staff's sign-in name, or null to leave the task unassigned */
	void reassign(String assignee) {
		this.assignee = assignee;
	}

	void reschedule(LocalDate due) {
		this.dueOn = due;
	}

	void addNote(String author, String body, Instant at) {
		notes.add(new TaskNote(author, at, body));
	}

	UUID id() {
		return id;
	}

	UUID studentId() {
		return studentId;
	}

	UUID guardianId() {
		return guardianId;
	}

	TaskStatus status() {
		return status;
	}

	Tasks.Candidate candidate() {
		return new Tasks.Candidate(id, studentId, guardianId, createdBy, assignee);
	}

	long version() {
		return version;
	}

	TaskView view(String studentName, String guardianName) {
		return new TaskView(id, title, status, studentId, studentName, guardianId, guardianName, assignee, dueOn,
				outcome, source, createdBy, createdAt, closedAt, version, notes.stream().map(TaskNote::view).toList());
	}

	private void close(TaskStatus closing, String note, Instant at) {
		status = closing;
		outcome = note;
		closedAt = at;
	}

	private void requireStatus(TaskStatus target, TaskStatus... allowed) {
		if (!List.of(allowed).contains(status)) {
			throw new TransitionNotAllowedException(status, target);
		}
	}
}
