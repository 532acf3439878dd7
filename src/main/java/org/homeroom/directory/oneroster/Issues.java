package org.homeroom.directory.oneroster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings, errors and conflicts of one import, kept bounded: a file of a million rows with
 * the same quirk gives one warning that counts the rows, not a million warnings. Each is named by
 * the key of its words after {@code imports.issue.}, with the values it quotes.
 */
final class Issues {

	static final int MAX_LISTED = 200;

	private final Map<List<Object>, Repeated> warnings = new LinkedHashMap<>();

	private final List<Issue> errors = new ArrayList<>();

	private long moreErrors;

	private final List<Issue> conflicts = new ArrayList<>();

	private long moreConflicts;

	/** A warning that may repeat on many rows: listed once with its first line and a count. */
	void warn(String file, Integer line, String column, String name, String... arguments) {
		warn(file, line, column, name, List.of(arguments));
	}

	void warn(String file, Integer line, String column, String name, List<String> arguments) {
		List<Object> key = Arrays.asList(file, column, name, arguments);
		Repeated repeated = warnings.get(key);
		if (repeated == null) {
			warnings.put(key, new Repeated(Issue.of(file, line, column, name, arguments)));
		}
		else {
			repeated.count++;
		}
	}

	void error(String file, Integer line, String column, String name, String... arguments) {
		error(file, line, column, name, List.of(arguments));
	}

	void error(String file, Integer line, String column, String name, List<String> arguments) {
		if (errors.size() < MAX_LISTED) {
			errors.add(Issue.of(file, line, column, name, arguments));
		}
		else {
			moreErrors++;
		}
	}

	void conflict(String file, Integer line, String column, String name, List<String> arguments) {
		if (conflicts.size() < MAX_LISTED) {
			conflicts.add(Issue.of(file, line, column, name, arguments));
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
		return listed(errors, moreErrors, "more-errors");
	}

	List<Issue> conflicts() {
		return listed(conflicts, moreConflicts, "more-conflicts");
	}

	private static List<Issue> listed(List<Issue> issues, long more, String name) {
		if (more == 0) {
			return List.copyOf(issues);
		}
		List<Issue> listed = new ArrayList<>(issues);
		listed.add(Issue.of("", null, null, name, List.of(Long.toString(more))));
		return listed;
	}

	private static final class Repeated {

		private final Issue first;

		private long count = 1;

		Repeated(Issue first) {
			this.first = first;
		}

		Issue issue() {
			return count == 1 ? first : first.repeatedOn(count);
		}
	}
}
