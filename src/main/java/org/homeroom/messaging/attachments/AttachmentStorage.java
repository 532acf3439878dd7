package org.homeroom.messaging.attachments;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachments' content is kept: PostgreSQL, or a directory. What each attachment is (its
 * name, type, size and hash) is in {@code messaging.attachment} whichever keeps the content, and
 * each row says which one does, so content written before a directory was set can still be read.
 */
interface AttachmentStorage {

	/** The name recorded on each row whose content this storage keeps. */
	String place();

	/**
	 * Writes an attachment's content, inside the transaction that records it: if that transaction
	 * does not commit, {@link #remove} is called.
	 */
	void write(AttachmentId id, InputStream content) throws IOException;

	/** A stream of content written earlier, {@code size} bytes long. */
	InputStream read(AttachmentId id, long size) throws IOException;

	/** Removes content whose row is gone, or never committed; nothing happens when there is none. */
	void remove(AttachmentId id) throws IOException;
}
