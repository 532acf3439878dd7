package org.homeroom.messaging.attachments;

import java.util.Objects;

import org.springframework.core.io.InputStreamSource;
import org.springframework.web.multipart.MultipartFile;

/**
 * A file to store: the name it was sent with, and its content. The content is read twice (once
 * to check it, once to store it), so the source must give a new stream each time, as a
 * {@link MultipartFile} or a {@code ByteArrayResource} does.
 */
public record AttachmentUpload(String fileName, InputStreamSource content) {

	public AttachmentUpload {
		Objects.requireNonNull(content, "content");
	}

	public static AttachmentUpload of(MultipartFile file) {
		return new AttachmentUpload(file.getOriginalFilename(), file);
	}
}
