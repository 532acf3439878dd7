package org.homeroom.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One page of announcements, newest first. */
public record AnnouncementPage(List<Row> rows, long total, int page) {

	static final int SIZE = 25;

	/** {@code progress} is where it stands, by the same rule as its own page. */
	public record Row(UUID id, String subject, Category category, AnnouncementProgress progress, Instant scheduledAt,
			String author, long families) {
	}
}
