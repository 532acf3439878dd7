package org.homeroom.messaging.attachments;

/** The limits the issue sets for what a message may carry (issue #17, "Messages"). */
public final class AttachmentRules {

	/** 10 MB, as a phone's photo or a scanned form needs, and no more. */
	public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

	public static final int MAX_FILES = 3;

	/**
	 * The most a request carrying one message's files needs: three full files, plus 1 MB for the
	 * text, the other fields and the multipart framing. Spring's multipart limit is far higher (1 GB,
	 * for roster imports), so an upload endpoint may refuse a longer {@code Content-Length} before it
	 * reads the parts.
	 */
	public static final long MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024;

	/** The longest file name kept; longer ones are shortened, keeping their ending. */
	public static final int MAX_NAME_LENGTH = 200;

	private AttachmentRules() {
	}
}
