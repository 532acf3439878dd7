package org.homeroom.tasks;

/** Where a task stands. DONE and CANCELLED close it; a closed task can be reopened. */
public enum TaskStatus {

	OPEN, IN_PROGRESS, DONE, CANCELLED;

	boolean closed() {
		return this == DONE || this == CANCELLED;
	}
}
