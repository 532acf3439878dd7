package org.homeroom.messaging.attachments;

/** The limits the issue sets for what a message may carry (issue #17, "Messages"). */
public final class AttachmentRules {

	/** 10 MB, as a phone's photo or a scanned form needs, and no more. */
	public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

	public static final int MAX_FILES = 3;

	/** The longest file name kept; longer ones are shortened, keeping their ending. */
	public static final int MAX_NAME_LENGTH = 200;

	private AttachmentRules() {
	}
}
