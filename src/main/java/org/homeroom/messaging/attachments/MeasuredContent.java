package org.homeroom.messaging.attachments;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content on its way to storage: counted, hashed with SHA-256, and stopped with {@link TooLarge}
 * as soon as it passes its limit, so that no more than the limit is ever written.
 */
final class MeasuredContent extends FilterInputStream {

	static final class TooLarge extends IOException {

		TooLarge(long limit) {
			super("Content is larger than " + limit + " bytes");
		}
	}

	private final MessageDigest digest;

	private final long limit;

	private long size;

	private String sha256;

	MeasuredContent(InputStream content, long limit) {
		super(content);
		this.limit = limit;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			counted(1);
			digest.update((byte) b);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read = super.read(buffer, offset, length);
		if (read > 0) {
			counted(read);
			digest.update(buffer, offset, read);
		}
		return read;
	}

	@Override
	public long skip(long n) {
		throw new UnsupportedOperationException("Every byte of stored content is hashed");
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	long size() {
		return size;
	}

	/** The hash of everything read; reading on after asking for it is a mistake. */
	String sha256() {
		if (sha256 == null) {
			sha256 = HexFormat.of().formatHex(digest.digest());
		}
		return sha256;
	}

	private void counted(int bytes) throws TooLarge {
		if (sha256 != null) {
			throw new IllegalStateException("Content was read after it was hashed");
		}
		size += bytes;
		if (size > limit) {
			throw new TooLarge(limit);
		}
	}
}
