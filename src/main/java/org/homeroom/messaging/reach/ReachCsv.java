package org.homeroom.messaging.reach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reach report's table by language as CSV (RFC 4180: quoted where needed, CRLF lines), with the
 * same columns and totals as the page, headed in the reader's language, counts only.
 */
final class ReachCsv {

	private ReachCsv() {
	}

	static String of(ReachReport report, Function<String, String> words) {
		List<String> header = new ArrayList<>(List.of(words.apply("reach.language"), words.apply("reach.guardians"),
				words.apply("reach.no-contact"), words.apply("reach.reached"), words.apply("reach.in-their-language")));
		ReachReport.VERSIONS.forEach(version -> header.add(words.apply("reach.version." + version)));
		header.add(words.apply("reach.not-reached"));
		StringBuilder csv = new StringBuilder(line(header));
		report.languages().forEach(row -> csv.append(line(cells(row.name(), row.counts()))));
		csv.append(line(cells(words.apply("reach.total"), report.total())));
		return csv.toString();
	}

	private static List<String> cells(String name, ReachReport.Counts counts) {
		List<String> cells = new ArrayList<>(List.of(name, "" + counts.guardians(), "" + counts.noContact(),
				"" + counts.reached(), "" + counts.inTheirLanguage()));
		counts.byVersion().forEach(count -> cells.add("" + count));
		cells.add("" + counts.notReached());
		return cells;
	}

	private static String line(List<String> cells) {
		return cells.stream().map(ReachCsv::quoted).collect(Collectors.joining(",")) + "\r\n";
	}

	/** Quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
	private static String quoted(String cell) {
		String safe = cell.matches("^[=+\\-@].*") ? "'" + cell : cell;
		return safe.matches("(?s).*[,\"\r\n].*") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
	}
}
