package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A thread in a list: who it is with (the member of staff, or null for the office; the guardians'
 * names), whether its last word is the family's ({@code unanswered}), and how many messages from
 * the other side the reader has not opened.
 */
public record ConversationSummary(UUID id, UUID studentId, String studentName, String addressedTo, String staffName,
		List<String> guardians, boolean shared, String status, Instant lastActivityAt, boolean unanswered,
		long unread) {

	/** A page of threads, newest activity first. */
	public record Page(List<ConversationSummary> items, int page, int size, long total) {
	}
}
