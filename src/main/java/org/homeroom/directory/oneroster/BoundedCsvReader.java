package org.homeroom.directory.oneroster;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that refuses to hand a CSV parser more than so many characters for one record.
 * Commons CSV holds a whole record in memory before it returns it, so a file of one line of a
 * gigabyte (a zip bomb's usual payload) or a quote that is never closed would be buffered whole;
 * this stops it once the record passes the limit, and the import reports the line instead of
 * running out of memory. The parser reads ahead a buffer at a time, so the count is exact to
 * within that buffer, which is all a guard against gigabytes needs.
 */
final class BoundedCsvReader extends FilterReader {

	private final long limit;

	private long sinceRecord;

	BoundedCsvReader(Reader in, long limit) {
		super(in);
		this.limit = limit;
	}

	/** The parser has returned a record: the count starts again. */
	void nextRecord() {
		sinceRecord = 0;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		if (c >= 0) {
			counted(1);
		}
		return c;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int read = super.read(buffer, offset, length);
		if (read > 0) {
			counted(read);
		}
		return read;
	}

	private void counted(int characters) throws RecordTooLong {
		sinceRecord += characters;
		if (sinceRecord > limit) {
			throw new RecordTooLong(limit);
		}
	}

	/** The record being read is longer than the limit. */
	static final class RecordTooLong extends IOException {

		RecordTooLong(long limit) {
			super("A record is longer than " + limit + " characters");
		}
	}
}
