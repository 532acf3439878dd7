package org.homeroom.tasks;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * The tasks module's entry point: a small work queue for staff. Other modules open tasks here
 * through {@link #open(NewTask)}.
 */
@Service
public class Tasks {

	/** Opens a task and returns its id. */
	public UUID open(NewTask task) {
		throw new UnsupportedOperationException("being built");
	}

}
