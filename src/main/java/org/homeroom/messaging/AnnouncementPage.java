package org.homeroom.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One page of announcements, newest first. */
public record AnnouncementPage(List<Row> rows, long total, int page) {

	static final int SIZE = 25;

	public record Row(UUID id, String subject, Category category, String status, Instant scheduledAt, String author,
			long families) {
	}
}
