package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds where a file stops being UTF-8, for the issue that says so. A reader that meets a byte
 * that is not UTF-8 fails without saying where (its decoder reads ahead by thousands of bytes), so
 * the file is read again, only when that has happened, counting lines up to the first bad byte.
 */
final class Utf8 {

	private Utf8() {
	}

	/** @return the line, from 1, of the file's first byte that is not UTF-8; null if there is none */
	static Integer firstLineNotUtf8(Path file) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
		CharBuffer chars = CharBuffer.allocate(1 << 16);
		int line = 1;
		try (InputStream in = Files.newInputStream(file)) {
			boolean end = false;
			while (true) {
				int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
				if (read < 0) {
					end = true;
				}
				else {
					bytes.position(bytes.position() + read);
				}
				bytes.flip();
				CoderResult result;
				do {
					result = decoder.decode(bytes, chars, end);
					line += newlines(chars);
				}
				while (result.isOverflow());
				if (result.isError()) {
					return line;
				}
				bytes.compact();
				if (end) {
					return null;
				}
			}
		}
	}

	/** Counts the line breaks decoded so far and empties the buffer for more. */
	private static int newlines(CharBuffer chars) {
		chars.flip();
		int count = 0;
		while (chars.hasRemaining()) {
			if (chars.get() == '\n') {
				count++;
			}
		}
		chars.clear();
		return count;
	}
}
