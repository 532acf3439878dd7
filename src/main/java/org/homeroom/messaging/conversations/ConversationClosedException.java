package org.homeroom.messaging.conversations;

/** A message to a closed thread: the caller starts a new one instead. */
public class ConversationClosedException extends RuntimeException {

	ConversationClosedException() {
		super("The conversation is closed");
	}
}
