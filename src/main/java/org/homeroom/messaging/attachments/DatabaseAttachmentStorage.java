package org.homeroom.messaging.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Content in PostgreSQL, as {@code bytea} chunks of {@value #CHUNK_BYTES} bytes in
 * {@code messaging.attachment_chunk}. A whole file in one {@code bytea} would be read into memory
 * in one piece by the driver, on the way in and out; chunks keep one piece in memory at a time, and
 * a download holds a connection only while it fetches a chunk, however slowly the reader reads.
 */
class DatabaseAttachmentStorage implements AttachmentStorage {

	static final String PLACE = "DATABASE";

	static final int CHUNK_BYTES = 256 * 1024;

	private final JdbcClient jdbc;

	DatabaseAttachmentStorage(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String place() {
		return PLACE;
	}

	@Override
	public void write(AttachmentId id, InputStream content) throws IOException {
		byte[] buffer = new byte[CHUNK_BYTES];
		int sequence = 0;
		int read;
		while ((read = content.readNBytes(buffer, 0, CHUNK_BYTES)) > 0) {
			jdbc.sql("insert into messaging.attachment_chunk (attachment_id, seq, data) values (:id, :seq, :data)")
				.param("id", id.value())
				.param("seq", sequence++)
				.param("data", read == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, read))
				.update();
		}
	}

	@Override
	public InputStream read(AttachmentId id, long size) {
		return new ChunkStream(id, size);
	}

	/** The chunks go with their row ({@code on delete cascade}), or with the transaction that wrote them. */
	@Override
	public void remove(AttachmentId id) {
	}

	/** Reads chunk after chunk, each with a query of its own. */
	private final class ChunkStream extends InputStream {

		private final AttachmentId id;

		private final long size;

		private long delivered;

		private int nextSequence;

		private byte[] chunk = new byte[0];

		private int position;

		ChunkStream(AttachmentId id, long size) {
			this.id = id;
			this.size = size;
		}

		@Override
		public int read() throws IOException {
			if (!ensureAvailable()) {
				return -1;
			}
			delivered++;
			return chunk[position++] & 0xFF;
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (!ensureAvailable()) {
				return -1;
			}
			int count = Math.min(length, chunk.length - position);
			System.arraycopy(chunk, position, target, offset, count);
			position += count;
			delivered += count;
			return count;
		}

		private boolean ensureAvailable() throws IOException {
			if (position < chunk.length) {
				return true;
			}
			if (delivered >= size) {
				return false;
			}
			Optional<byte[]> next = jdbc
				.sql("select data from messaging.attachment_chunk where attachment_id = :id and seq = :seq")
				.param("id", id.value())
				.param("seq", nextSequence)
				.query(byte[].class)
				.optional();
			if (next.isEmpty() || next.get().length == 0) {
				throw new IOException("Attachment " + id + " ended after " + delivered + " of " + size
						+ " bytes; it was deleted while it was read");
			}
			nextSequence++;
			chunk = next.get();
			position = 0;
			return true;
		}
	}
}
