package org.homeroom.messaging;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.AudienceCriteria;

/**
 * An announcement as its sender sees it. {@code status} is SCHEDULED until the delivery worker has
 * released it (at once for one sent now), then RELEASED; CANCELLED; or FAILED when its release kept
 * failing, with {@code releaseError} saying why.
 */
public record AnnouncementView(UUID id, String author, AudienceCriteria audience, String subject, String body,
		Category category, Set<Channel> channels, String status, Instant scheduledAt, Instant releasedAt, long version,
		String releaseError) {
}
