package org.homeroom.messaging;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.AudienceCriteria;

/** A change to an unreleased announcement: what is absent stays as it was; {@code version} is the one read. */
public record AnnouncementChanges(@NotNull Long version, @Valid AudienceCriteria audience, @Size(max = 200) String subject,
		@Size(max = 20_000) String body, Category category, @Size(max = 10) Set<Channel> channels, Instant scheduledAt) {

	AnnouncementRequest applyTo(AnnouncementView current) {
		return new AnnouncementRequest(audience == null ? current.audience() : audience,
				subject == null ? current.subject() : subject, body == null ? current.body() : body,
				category == null ? current.category() : category, channels == null ? current.channels() : channels,
				scheduledAt == null ? current.scheduledAt() : scheduledAt);
	}
}
