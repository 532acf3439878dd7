package org.homeroom.directory.oneroster;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs one import's statements inside its transaction, with the values they share ({@code :today},
 * {@code :yesterday}, {@code :zone}), timing each at DEBUG. Lives for one import.
 */
final class RosterStatements {

	/**
	 * Named for the importer, not for this class: {@code bench/import-oneroster.sh} turns on the
	 * timings of an import by that name ({@code IMPORT_LOG}).
	 */
	private static final Logger log = LoggerFactory.getLogger(RosterImporter.class);

	private static final Pattern DERIVED_TABLE = Pattern.compile("^\\s*create temporary table (\\w+) on commit drop as");

	private final JdbcClient jdbc;

	private final Map<String, Object> parameters;

	/**
	 * @param today the district's day, read once before the import so that every statement agrees
	 * @param zone the district's zone, recorded when the import creates the district
	 */
	RosterStatements(JdbcClient jdbc, LocalDate today, ZoneId zone) {
		this.jdbc = jdbc;
		this.parameters = Map.of("today", today, "yesterday", today.minusDays(1), "zone", zone.getId());
	}

	void sql(String statement) {
		sql(statement, false);
	}

	void sql(String statement, boolean withParameters) {
		long started = System.nanoTime();
		var spec = jdbc.sql(statement);
		if (withParameters) {
			spec = spec.params(parameters);
		}
		spec.update();
		// Autovacuum never analyses temporary tables: without this, the planner takes a
		// derived table of a million rows for an empty one.
		Matcher derived = DERIVED_TABLE.matcher(statement);
		if (derived.find()) {
			jdbc.sql("analyze " + derived.group(1)).update();
		}
		timed("sql", statement, started);
	}

	/**
	 * Statistics of directory tables as this transaction left them (ANALYZE counts its own
	 * rows): a first import fills tables the planner last saw empty, and a plan made for an
	 * empty table (a scan of a staged table for each row) is quadratic once it is full.
	 */
	void analyze(String... tables) {
		for (String table : tables) {
			sql("analyze directory." + table);
		}
	}

	/**
	 * Runs a change that returns, per row it changes, its key and what it did to it ({@code added},
	 * {@code updated} or {@code deactivated}), and notes each in {@code touched} under {@code kind}.
	 */
	void touch(String kind, String changing) {
		long started = System.nanoTime();
		jdbc.sql("with changed (key, action) as (" + changing + ") insert into touched select :kind, key::text, action from changed")
			.params(parameters)
			.param("kind", kind)
			.update();
		timed("touch " + kind, changing, started);
	}

	/**
	 * Runs a check that selects, per defect, its line, the key of its words after
	 * {@code imports.issue.} and the {@code text[]} of values they quote; at most one more than
	 * {@link Issues} lists, so that it can count what it leaves out.
	 */
	void findings(String query, Finding into) {
		long started = System.nanoTime();
		jdbc.sql("select * from (" + query + ") found order by 1 limit " + (Issues.MAX_LISTED + 1))
			.params(parameters)
			.query((rs, row) -> {
				String[] arguments = (String[]) rs.getArray(3).getArray();
				// A value that could not be read is reported where it was read; no second word here.
				if (rs.getString(2) != null && !Arrays.asList(arguments).contains(null)) {
					into.accept(rs.getInt(1), rs.getString(2), List.of(arguments));
				}
				return row;
			})
			.list();
		timed("check", query, started);
	}

	/**
	 * What the changes noted so far did, by kind: a record both added and changed again counts
	 * once, as added; one changed and deactivated counts as deactivated.
	 */
	Map<String, ImportCounts> touched() {
		Map<String, ImportCounts> counts = new LinkedHashMap<>();
		jdbc.sql("""
				select kind, count(*) filter (where action = 'added'), count(*) filter (where action = 'updated'),
				       count(*) filter (where action = 'deactivated')
				from (select kind, key, case when bool_or(action = 'added') then 'added'
				                              when bool_or(action = 'deactivated') then 'deactivated' else 'updated' end as action
				      from touched group by kind, key) t
				group by kind order by kind""")
			.query((rs, row) -> counts.put(rs.getString(1), new ImportCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
			.list();
		return counts;
	}

	long count(String query) {
		return jdbc.sql(query).query(Long.class).single();
	}

	/** Where an import's time goes, statement by statement, at DEBUG. */
	void timed(String what, String statement, long started) {
		if (log.isDebugEnabled()) {
			String first = statement.strip().lines().findFirst().orElse("");
			log.debug("{} ms  {}: {}", (System.nanoTime() - started) / 1_000_000, what,
					first.length() > 100 ? first.substring(0, 100) : first);
		}
	}

	static String quoted(List<String> values) {
		return String.join(", ", values.stream().map(value -> "'" + value + "'").toList());
	}

	interface Finding {

		void accept(int line, String name, List<String> arguments);
	}
}
