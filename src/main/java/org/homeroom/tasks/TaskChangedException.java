package org.homeroom.tasks;

/** The change was made against an older version of the task: someone else changed it meanwhile. */
class TaskChangedException extends RuntimeException {

	TaskChangedException() {
		super("Someone else changed this task; reload it and try again");
	}
}
