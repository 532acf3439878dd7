package org.homeroom.messaging.attachments;

import java.time.Instant;

/**
 * What a stored attachment is: its name as uploaded (made safe), the type its content showed, its
 * size in bytes and the SHA-256 of its content, in lower-case hex.
 */
public record Attachment(AttachmentId id, String fileName, AttachmentType type, long size, String sha256,
		Instant storedAt) {

	/** The media type it is served with. */
	public String contentType() {
		return type.contentType();
	}
}
