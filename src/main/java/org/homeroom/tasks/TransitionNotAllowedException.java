package org.homeroom.tasks;

/** A status change the task's current status does not allow, such as completing a cancelled task. */
class TransitionNotAllowedException extends RuntimeException {

	TransitionNotAllowedException(TaskStatus from, TaskStatus to) {
		super("A task that is " + from + " cannot become " + to);
	}
}
