package org.homeroom.messaging;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.AudienceCriteria;

/** What a sender asks for: whom, what, how, and optionally when (otherwise now). */
public record AnnouncementRequest(@NotNull @Valid AudienceCriteria audience, @NotBlank @Size(max = 200) String subject,
		@NotBlank @Size(max = 20_000) String body, @NotNull Category category, @NotEmpty @Size(max = 10) Set<Channel> channels,
		Instant scheduledAt) {

	public AnnouncementRequest {
		channels = channels == null ? null : Set.copyOf(channels);
	}
}
