package org.homeroom.messaging;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.AudienceCriteria;

public record AnnouncementView(UUID id, String author, AudienceCriteria audience, String subject, String body,
		Category category, Set<Channel> channels, String status, Instant scheduledAt, Instant releasedAt, long version) {
}
