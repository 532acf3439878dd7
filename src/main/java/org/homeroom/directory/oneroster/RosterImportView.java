package org.homeroom.directory.oneroster;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;

/**
 * One import as the API and the page show it.
 *
 * @param status RUNNING, COMPLETED or REJECTED
 * @param counts per kind of record (students, guardians, staff, schools, classes,
 *     classEnrolments, ...): how many were added, updated and deactivated, or would be in a dry run
 * @param warnings as are errors and conflicts, each with its {@code message} in English, or in the
 *     reader's language once {@link #in} has rendered it for a page
 * @param reason why a rejected import was rejected
 * @param phase how far a running import has got (READING, CHECKING, SCHOOLS_AND_CLASSES, STUDENTS,
 *     STAFF, GUARDIANS, LINKS, ENROLMENTS, SUMMING_UP, in that order); null before it begins
 */
public record RosterImportView(UUID id, String status, boolean dryRun, boolean forced, String sourceName,
		String startedBy, Instant startedAt, Instant finishedAt, Map<String, ImportCounts> counts,
		List<Issue> warnings, List<Issue> errors, List<Issue> conflicts, String reason, String phase) {

	public boolean running() {
		return "RUNNING".equals(status);
	}

	public boolean rejected() {
		return "REJECTED".equals(status);
	}

	/**
	 * Rejected for no fault of the files: the import failed unexpectedly (the database went away,
	 * say) or its server stopped midway. Every rejection the files earn names an error, or counts
	 * what the deactivation guard stopped; this one has neither, and the same files may import later.
	 */
	public boolean failedForNoFaultOfTheFiles() {
		return rejected() && errors.isEmpty() && counts.isEmpty();
	}

	/** The running import's phase as a step of {@link #phaseCount()}, from 1; 0 before the first. */
	public int phaseStep() {
		return phase == null ? 0 : RosterImporter.Phase.valueOf(phase).ordinal() + 1;
	}

	public int phaseCount() {
		return RosterImporter.Phase.values().length;
	}

	/**
	 * Why a rejected import was rejected, as the key of the words a page shows in the reader's
	 * language ({@link #reason} is the same in English, for the API and the log).
	 */
	public String reasonKey() {
		if (!rejected()) {
			return null;
		}
		if (!errors.isEmpty()) {
			return "imports.reason.errors";
		}
		return counts.isEmpty() ? "imports.reason.interrupted" : "imports.reason.guard";
	}

	/** The same import with each issue's words in the reader's language, for a page. */
	RosterImportView in(MessageSource messages, Locale locale) {
		return new RosterImportView(id, status, dryRun, forced, sourceName, startedBy, startedAt, finishedAt, counts,
				in(warnings, messages, locale), in(errors, messages, locale), in(conflicts, messages, locale), reason, phase);
	}

	private static List<Issue> in(List<Issue> issues, MessageSource messages, Locale locale) {
		return issues.stream().map(issue -> issue.in(messages, locale)).toList();
	}

	/** A page of the history, newest first. */
	public record Page(List<RosterImportView> items, int page, int size, long total) {
	}
}
