package org.homeroom.directory.oneroster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * Something an import noticed about its files: a tolerated variation (a warning), a defect that
 * rejects the import (an error), or a field a family edited that the SIS would change (a
 * conflict). It names where, as far as it can: file, line (1 is the header) and column.
 * <p>
 * What it says is a message key ({@code code}) and its arguments, values quoted from the files,
 * so that each reader sees it in their own language; {@code message} is the same in English for
 * the API and the log. An import recorded before issues had codes holds only its English
 * {@code message}, which is shown as it is.
 *
 * @param code the message key, {@code imports.issue.*}; null in an import recorded before codes
 * @param arguments the values the message quotes, as found in the files
 * @param rows how many rows the issue stands for: a warning that repeats is listed once, on its
 *     first line
 * @param message the English words, rendered from {@code code} when the import is read
 */
public record Issue(String file, Integer line, String column, String code, List<String> arguments, Long rows,
		String message) {

	static final String CODE_PREFIX = "imports.issue.";

	private static final String REPEATED = CODE_PREFIX + "repeated";

	/** First strong isolate and pop directional isolate: the plain-text {@code <bdi>}. */
	private static final char ISOLATE = '\u2068';

	private static final char END_ISOLATE = '\u2069';

	public Issue {
		arguments = arguments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(arguments));
		rows = rows == null ? 1L : rows;
	}

	/** @param name the key after {@code imports.issue.} */
	static Issue of(String file, Integer line, String column, String name, List<String> arguments) {
		return new Issue(file, line, column, CODE_PREFIX + name, arguments, 1L, null);
	}

	Issue repeatedOn(long count) {
		return new Issue(file, line, column, code, arguments, count, message);
	}

	/** The same issue in English, for the API, the log and the tests. */
	Issue inEnglish(MessageSource messages) {
		return code == null ? this
				: new Issue(file, line, column, code, arguments, rows, text(messages, Locale.ENGLISH, false));
	}

	/**
	 * The issue in the reader's language, for a page. Each quoted value is isolated, as
	 * {@code <bdi>} would, so that an identifier written left to right keeps its order in an
	 * Arabic sentence and a value in Arabic or Hebrew keeps its own in an English one.
	 */
	Issue in(MessageSource messages, Locale locale) {
		return code == null ? this : new Issue(file, line, column, code, arguments, rows, text(messages, locale, true));
	}

	private String text(MessageSource messages, Locale locale, boolean isolated) {
		Object[] values = arguments.stream().map(value -> isolated ? ISOLATE + value + END_ISOLATE : value).toArray();
		String text = messages.getMessage(code, values, locale);
		return rows > 1 ? text + " " + messages.getMessage(REPEATED, new Object[] { rows }, locale) : text;
	}

	@Override
	public String toString() {
		return file + (line == null ? "" : " line " + line) + (column == null ? "" : " " + column) + ": "
				+ (message == null ? code + arguments : message);
	}
}
