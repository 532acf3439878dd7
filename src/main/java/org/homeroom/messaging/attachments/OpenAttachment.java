package org.homeroom.messaging.attachments;

import java.io.IOException;
import java.io.InputStream;

/** A stored attachment and a stream of its content, to be closed by whoever opened it. */
public record OpenAttachment(Attachment attachment, InputStream content) implements AutoCloseable {

	@Override
	public void close() throws IOException {
		content.close();
	}
}
