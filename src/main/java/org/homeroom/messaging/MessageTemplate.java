package org.homeroom.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A saved announcement to start from; {@code schoolId} null means the whole district's. */
public record MessageTemplate(UUID id, UUID schoolId, String name, Category category, String subject, String body,
		String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

	/** What a sender saves; the placeholders in subject and body must be ones the renderer fills in. */
	public record Draft(UUID schoolId, @NotBlank @Size(max = 120) String name, @NotNull Category category,
			@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 20_000) String body) {
	}

	/** One page of a school's templates (and the district's), by name. */
	public record Page(List<MessageTemplate> rows, long total, int page) {

		static final int SIZE = 25;
	}
}
