package org.homeroom.messaging.attachments;

import java.util.Objects;
import java.util.UUID;

/** One stored attachment. */
public record AttachmentId(UUID value) {

	public AttachmentId {
		Objects.requireNonNull(value, "value");
	}

	static AttachmentId random() {
		return new AttachmentId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
