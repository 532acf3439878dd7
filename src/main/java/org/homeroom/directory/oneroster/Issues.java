package org.homeroom.directory.oneroster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings, errors and conflicts of one import, kept bounded: a file of a million rows with
 * the same quirk gives one warning that counts the rows, not a million warnings.
 */
final class Issues {

	static final int MAX_LISTED = 200;

	private final Map<String, Repeated> warnings = new LinkedHashMap<>();

	private final List<Issue> errors = new ArrayList<>();

	private long moreErrors;

	private final List<Issue> conflicts = new ArrayList<>();

	private long moreConflicts;

	/** A warning that may repeat on many rows: listed once with its first line and a count. */
	void warn(String file, Integer line, String column, String message) {
		String key = file + "\u0000" + column + "\u0000" + message;
		Repeated repeated = warnings.get(key);
		if (repeated == null) {
			warnings.put(key, new Repeated(new Issue(file, line, column, message)));
		}
		else {
			repeated.count++;
		}
	}

	void error(String file, Integer line, String column, String message) {
		if (errors.size() < MAX_LISTED) {
			errors.add(new Issue(file, line, column, message));
		}
		else {
			moreErrors++;
		}
	}

	void conflict(String file, Integer line, String column, String message) {
		if (conflicts.size() < MAX_LISTED) {
			conflicts.add(new Issue(file, line, column, message));
		}
		else {
			moreConflicts++;
		}
	}

	boolean hasErrors() {
		return !errors.isEmpty();
	}

	List<Issue> warnings() {
		return warnings.values().stream().map(Repeated::issue).toList();
	}

	List<Issue> errors() {
		if (moreErrors == 0) {
			return List.copyOf(errors);
		}
		List<Issue> listed = new ArrayList<>(errors);
		listed.add(new Issue("", null, null, moreErrors + " more errors not listed"));
		return listed;
	}

	List<Issue> conflicts() {
		if (moreConflicts == 0) {
			return List.copyOf(conflicts);
		}
		List<Issue> listed = new ArrayList<>(conflicts);
		listed.add(new Issue("", null, null, moreConflicts + " more conflicts not listed"));
		return listed;
	}

	private static final class Repeated {

		private final Issue first;

		private long count = 1;

		Repeated(Issue first) {
			this.first = first;
		}

		Issue issue() {
			return count == 1 ? first
					: new Issue(first.file(), first.line(), first.column(),
							first.message() + " (" + count + " rows, the first on this line)");
		}
	}
}
