package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.homeroom.directory.DistrictClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one OneRoster set, all or nothing, in one transaction: the files are staged with
 * {@code COPY}, checked against each other and against what the directory holds, and applied
 * with set-based upserts that only touch a row whose values change, so that importing the same
 * files again changes nothing and reports nothing. A transaction-scoped advisory lock makes
 * imports wait for one another across every node.
 */
@Component
class RosterImporter {

	/** The advisory lock key of the import: "OneRostr" in ASCII. */
	static final long LOCK = 0x4f6e65526f737472L;

	/** More than this share of active students or guardians deactivated stops an import unless forced. */
	static final int GUARD_PERCENT = 10;

	private static final List<String> STAFF_ROLES = List.of("teacher", "aide", "administrator", "principal",
			"siteAdministrator", "districtAdministrator", "counselor");

	private static final List<String> GUARDIAN_ROLES = List.of("parent", "guardian", "relative");

	private static final Logger log = LoggerFactory.getLogger(RosterImporter.class);

	private static final Pattern DERIVED_TABLE = Pattern.compile("^\\s*create temporary table (\\w+) on commit drop as");

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final DistrictClock districtClock;

	private final String defaultRegion;

	RosterImporter(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
			DistrictClock districtClock, @Value("${homeroom.directory.default-region:US}") String defaultRegion) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.districtClock = districtClock;
		this.defaultRegion = defaultRegion;
	}

	/**
	 * What an import is doing, in the order it does it, so that the page that follows it can say
	 * how far it has got: on a large district an import takes minutes.
	 */
	enum Phase {
		READING, CHECKING, SCHOOLS_AND_CLASSES, STUDENTS, STAFF, GUARDIANS, LINKS, ENROLMENTS, SUMMING_UP
	}

	/** What an import did, or would do in a dry run, or why it did nothing. */
	record Outcome(boolean rejected, Map<String, ImportCounts> counts, List<Issue> warnings, List<Issue> errors,
			List<Issue> conflicts, String reason) {
	}

	/**
	 * @param folder the set's files, flat, as a zip unpacks them
	 * @param progress told as the import reaches each phase, from inside its transaction
	 */
	Outcome run(Path folder, boolean dryRun, boolean force, Consumer<Phase> progress) {
		// The district's zone, never the server's: a first import records it with the district.
		ZoneId zone = districtClock.zone();
		LocalDate today = districtClock.today();
		Outcome done = transactions.execute(status -> {
			Run run = new Run(folder, today, zone, progress);
			Outcome outcome = run.execute(force);
			if (dryRun || outcome.rejected()) {
				status.setRollbackOnly();
			}
			return outcome;
		});
		districtClock.forget();
		return done;
	}

	/** One import's state; lives for one transaction. */
	private final class Run {

		private final Path folder;

		private final LocalDate today;

		private final ZoneId zone;

		private final Issues issues = new Issues();

		private final Map<RosterFile, String> modes = new EnumMap<>(RosterFile.class);

		private String version = "1.1";

		private final Consumer<Phase> progress;

		Run(Path folder, LocalDate today, ZoneId zone, Consumer<Phase> progress) {
			this.folder = folder;
			this.today = today;
			this.zone = zone;
			this.progress = progress;
		}

		Outcome execute(boolean force) {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
			// Its statements sort and hash whole files: at the default 4 MB each spills to disk, and
			// JIT compiles each large one afresh for less than it costs.
			sql("set local work_mem = '64MB'");
			sql("set local jit = off");
			progress.accept(Phase.READING);
			Map<String, Path> files = files();
			readManifest(files);
			stage(files);
			// Even when some values could not be read, the references are checked, so that one
			// rejection lists every defect rather than the first kind found.
			progress.accept(Phase.CHECKING);
			derive();
			validate();
			if (issues.hasErrors()) {
				return rejected("The files have errors; nothing was changed");
			}
			long activeStudents = count("select count(*) from directory.student where active");
			long activeGuardians = count("select count(*) from directory.guardian where active");
			apply();
			if (issues.hasErrors()) {
				return rejected("The files have errors; nothing was changed");
			}
			progress.accept(Phase.SUMMING_UP);
			Map<String, ImportCounts> counts = counts();
			String tooMany = tooManyDeactivated(counts, "students", activeStudents);
			if (tooMany == null) {
				tooMany = tooManyDeactivated(counts, "guardians", activeGuardians);
			}
			if (tooMany != null && !force) {
				return new Outcome(true, counts, issues.warnings(), issues.errors(), issues.conflicts(),
						tooMany + "; nothing was changed. Confirm the import (force) if this is intended");
			}
			return new Outcome(false, counts, issues.warnings(), issues.errors(), issues.conflicts(), null);
		}

		private Outcome rejected(String reason) {
			return new Outcome(true, Map.of(), issues.warnings(), issues.errors(), issues.conflicts(), reason);
		}

		private String tooManyDeactivated(Map<String, ImportCounts> counts, String kind, long active) {
			ImportCounts found = counts.get(kind);
			if (found == null || active == 0 || found.deactivated() * 100 <= active * GUARD_PERCENT) {
				return null;
			}
			return "It would deactivate " + found.deactivated() + " of " + active + " active " + kind
					+ ", more than " + GUARD_PERCENT + "%";
		}

		/** The set's files by lower-cased name: exports differ in case ({@code userprofiles.csv}). */
		private Map<String, Path> files() {
			Map<String, Path> files = new HashMap<>();
			try (Stream<Path> listed = Files.list(folder)) {
				listed.filter(Files::isRegularFile)
					.forEach(path -> files.put(path.getFileName().toString().toLowerCase(Locale.ROOT), path));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return files;
		}

		private void readManifest(Map<String, Path> files) {
			Path manifest = files.get("manifest.csv");
			Map<String, String> properties = new LinkedHashMap<>();
			Map<String, Integer> lines = new HashMap<>();
			if (manifest == null) {
				issues.error("manifest.csv", null, null, "manifest-missing");
			}
			else {
				// A manifest is a score of short lines: the whole file is held to the limit of one record.
				try (CSVParser parser = CSVParser.parse(
						new BoundedCsvReader(Files.newBufferedReader(manifest, StandardCharsets.UTF_8), Stager.LONGEST_RECORD),
						CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
					for (CSVRecord record : parser) {
						if (record.getRecordNumber() == 1 || record.size() < 2) {
							continue;
						}
						String name = record.get(0).replace("\uFEFF", "").strip();
						properties.put(name, record.get(1).strip());
						lines.put(name, (int) record.getRecordNumber());
					}
				}
				catch (IOException | UncheckedIOException ex) {
					issues.error("manifest.csv", null, null, "unreadable-csv");
				}
				String declared = properties.get("oneroster.version");
				if (declared == null || declared.isBlank()) {
					issues.error("manifest.csv", null, "oneroster.version", "value-required");
				}
				else if (declared.equals("1.1") || declared.equals("1.2")) {
					version = declared;
				}
				else {
					issues.error("manifest.csv", lines.get("oneroster.version"), "value", "unsupported-version", declared);
				}
				String manifestVersion = properties.get("manifest.version");
				if (manifestVersion != null && !manifestVersion.equals("1.0")) {
					issues.warn("manifest.csv", lines.get("manifest.version"), "value", "manifest-version", manifestVersion);
				}
			}
			for (RosterFile file : RosterFile.values()) {
				if (!file.inVersion(version)) {
					continue;
				}
				String property = "file." + file.manifestName();
				String mode = properties.get(property);
				boolean present = files.containsKey(file.fileName().toLowerCase(Locale.ROOT));
				if (mode == null || mode.isBlank()) {
					if (present) {
						if (manifest != null) {
							issues.warn("manifest.csv", null, property, "file-not-declared", file.fileName());
						}
						modes.put(file, "bulk");
					}
					continue;
				}
				String read = mode.toLowerCase(Locale.ROOT);
				if (!read.equals(mode) && List.of("bulk", "delta", "absent").contains(read)) {
					issues.warn("manifest.csv", lines.get(property), "value", "wrong-case", mode, read);
				}
				switch (read) {
					case "bulk", "delta" -> {
						if (present) {
							modes.put(file, read);
						}
						else {
							issues.error("manifest.csv", lines.get(property), "value", "declared-file-missing",
									file.fileName(), read);
						}
					}
					case "absent" -> {
						if (present) {
							issues.warn(file.fileName(), null, null, "declared-absent");
						}
					}
					default -> issues.error("manifest.csv", lines.get(property), "value", "not-a-choice", mode,
							"bulk, delta, absent");
				}
			}
			for (String unused : RosterFile.UNUSED) {
				if (files.containsKey((unused + ".csv").toLowerCase(Locale.ROOT))) {
					issues.warn(unused + ".csv", null, null, "unused-file");
				}
			}
		}

		private void stage(Map<String, Path> files) {
			for (RosterFile file : RosterFile.values()) {
				jdbc.sql(file.stageDefinition()).update();
			}
			// Who each user is to Homeroom follows from their role, worked out as the rows arrive
			// (and again when roles.csv gives the role) rather than by a second pass over every user.
			sql("""
					alter table stage_users add column kind text generated always as (case when role = 'student' then 'student'
					  when role in (%s) then 'staff' when role in (%s) then 'guardian' end) stored"""
				.formatted(quoted(STAFF_ROLES), quoted(GUARDIAN_ROLES)));
			long started = System.nanoTime();
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				Stager stager = new Stager(connection.unwrap(PGConnection.class).getCopyAPI(), issues, version,
						defaultRegion);
				for (var entry : modes.entrySet()) {
					stager.stage(entry.getKey(), files.get(entry.getKey().fileName().toLowerCase(Locale.ROOT)));
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Staging the OneRoster files failed", ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			timed("copy", "all files", started);
			for (RosterFile file : RosterFile.values()) {
				// No record names an enrolment by its sourcedId: an index on the largest file would
				// cost the time of a check and serve none.
				if (file != RosterFile.ENROLLMENTS) {
					sql("create index on " + file.stageTable() + " (sourced_id)");
				}
				sql("analyze " + file.stageTable());
			}
		}

		boolean bulk(RosterFile file) {
			return "bulk".equals(modes.get(file));
		}

		/**
		 * Statistics of directory tables as this transaction left them (ANALYZE counts its own
		 * rows): a first import fills tables the planner last saw empty, and a plan made for an
		 * empty table (a scan of a staged table for each row) is quadratic once it is full.
		 */
		private void analyze(String... tables) {
			for (String table : tables) {
				sql("analyze directory." + table);
			}
		}

		/** Who each user is to Homeroom, the orgs they belong to, and what each sourcedId names. */
		private void derive() {
			// Statistics as of now: right after a large import, autovacuum may not have caught up,
			// and a plan made for the empty directory of yesterday is quadratic today.
			analyze("school", "student", "guardian", "staff", "section", "contact_point", "guardianship", "enrolment",
					"section_enrolment", "staff_assignment");
			// 1.2 moved roles into roles.csv: a user's role is their primary one there.
			if (version.equals("1.2")) {
				sql("""
						update stage_users u set role = r.role
						from (select distinct on (user_sourced_id) user_sourced_id, role from stage_roles
						      order by user_sourced_id, (role_type = 'primary') desc, line) r
						where u.role is null and r.user_sourced_id = u.sourced_id""");
				sql("analyze stage_users");
			}
			sql("""
					create temporary table stage_user_orgs on commit drop as
					select u.sourced_id as user_sourced_id, trim(o.org) as org_sourced_id, u.role, u.line,
					       'users.csv' as file, 'orgSourcedIds' as col, o.position
					from stage_users u, unnest(string_to_array(u.org_sourced_ids, ',')) with ordinality o(org, position)
					where trim(o.org) <> ''
					union all
					select u.sourced_id, u.primary_org_sourced_id, u.role, u.line, 'users.csv', 'primaryOrgSourcedId', 0
					from stage_users u where u.primary_org_sourced_id is not null
					union all
					select r.user_sourced_id, r.org_sourced_id, r.role, r.line, 'roles.csv', 'orgSourcedId',
					       case when r.role_type = 'primary' then 0 else 1000 end + r.line
					from stage_roles r where r.status is distinct from 'tobedeleted'""");
			sql("""
					create temporary table org_ref on commit drop as
					select sourced_id, type from stage_orgs
					union all select source_id, 'school' from directory.school
					  where source_id is not null and not exists (select 1 from stage_orgs x where x.sourced_id = source_id)
					union all select source_id, 'district' from directory.district
					  where source_id is not null and not exists (select 1 from stage_orgs x where x.sourced_id = source_id)""");
			sql("""
					create temporary table session_ref on commit drop as
					select sourced_id, type from stage_academic_sessions
					union all select source_id, 'schoolYear' from directory.school_year where source_id is not null
					  and not exists (select 1 from stage_academic_sessions x where x.sourced_id = source_id)
					union all select source_id, 'term' from directory.term where source_id is not null
					  and not exists (select 1 from stage_academic_sessions x where x.sourced_id = source_id)""");
			sql("""
					create temporary table user_ref on commit drop as
					select sourced_id, kind from stage_users
					union all select source_id, 'student' from directory.student where source_id is not null
					  and not exists (select 1 from stage_users x where x.sourced_id = source_id)
					union all select source_id, 'guardian' from directory.guardian where source_id is not null
					  and not exists (select 1 from stage_users x where x.sourced_id = source_id)
					union all select source_id, 'staff' from directory.staff where source_id is not null
					  and not exists (select 1 from stage_users x where x.sourced_id = source_id)""");
			for (String table : List.of("org_ref", "session_ref", "user_ref")) {
				sql("create index on " + table + " (sourced_id)");
				sql("analyze " + table);
			}
			sql("create index on stage_user_orgs (user_sourced_id)");
			sql("analyze stage_user_orgs");
			// Each sourcedId a user's agentSourcedIds names, once for the checks and the links alike.
			sql("""
					create temporary table stage_agent on commit drop as
					select u.line, u.sourced_id, u.kind, trim(a.agent) as agent
					from stage_users u, unnest(string_to_array(u.agent_sourced_ids, ',')) a(agent)
					where trim(a.agent) <> ''""");
		}

		/** References and rules between records; each failure names file, line and column. */
		private void validate() {
			for (RosterFile file : RosterFile.values()) {
				error(file.fileName(), "sourcedId", """
						select d.line, 'duplicate-id', array[d.sourced_id, f.first::text]
						from (select sourced_id, min(line) as first from %1$s group by sourced_id having count(*) > 1) f
						join %1$s d on d.sourced_id = f.sourced_id
						where d.line <> f.first""".formatted(file.stageTable()));
			}
			error("orgs.csv", "parentSourcedId", """
					select o.line, 'unknown.org', array[o.parent_sourced_id] from stage_orgs o
					where o.parent_sourced_id is not null
					  and not exists (select 1 from org_ref r where r.sourced_id = o.parent_sourced_id)""");
			error("academicSessions.csv", "parentSourcedId", """
					select s.line, 'unknown.academic-session', array[s.parent_sourced_id] from stage_academic_sessions s
					where s.parent_sourced_id is not null
					  and not exists (select 1 from session_ref r where r.sourced_id = s.parent_sourced_id)""");
			error("academicSessions.csv", "endDate", """
					select line, 'session-ends-before-start', array[end_date::text, start_date::text]
					from stage_academic_sessions where end_date <= start_date""");
			error("courses.csv", "orgSourcedId", """
					select c.line, 'unknown.org', array[c.org_sourced_id] from stage_courses c
					where not exists (select 1 from org_ref r where r.sourced_id = c.org_sourced_id)""");
			error("courses.csv", "schoolYearSourcedId", """
					select c.line, 'unknown.academic-session', array[c.school_year_sourced_id] from stage_courses c
					where c.school_year_sourced_id is not null
					  and not exists (select 1 from session_ref r where r.sourced_id = c.school_year_sourced_id)""");
			error("classes.csv", "courseSourcedId", """
					select c.line, 'unknown.course', array[c.course_sourced_id] from stage_classes c
					where not exists (select 1 from stage_courses r where r.sourced_id = c.course_sourced_id)
					  and not exists (select 1 from directory.course r where r.source_id = c.course_sourced_id)""");
			error("classes.csv", "schoolSourcedId", notASchool("stage_classes", "school_sourced_id"));
			error("classes.csv", "termSourcedIds", """
					select c.line, 'unknown.academic-session', array[trim(t.term)] from stage_classes c,
					  unnest(string_to_array(c.term_sourced_ids, ',')) t(term)
					where trim(t.term) <> '' and not exists (select 1 from session_ref r where r.sourced_id = trim(t.term))""");
			error("users.csv", "role", """
					select line, 'no-role', '{}'::text[] from stage_users where role is null""");
			warn("users.csv", "role", """
					select line, 'user-role-not-imported', array[role]
					from stage_users where role is not null and kind is null""");
			error("users.csv", "orgSourcedIds", """
					select uo.line, 'unknown.org', array[uo.org_sourced_id] from stage_user_orgs uo
					where uo.file = 'users.csv' and not exists (select 1 from org_ref r where r.sourced_id = uo.org_sourced_id)""");
			error("roles.csv", "orgSourcedId", """
					select uo.line, 'unknown.org', array[uo.org_sourced_id] from stage_user_orgs uo
					where uo.file = 'roles.csv' and not exists (select 1 from org_ref r where r.sourced_id = uo.org_sourced_id)""");
			error("roles.csv", "userSourcedId", """
					select r.line, 'unknown.user', array[r.user_sourced_id] from stage_roles r
					where not exists (select 1 from user_ref u where u.sourced_id = r.user_sourced_id)""");
			error("users.csv", "orgSourcedIds", """
					select u.line, 'student-without-school', '{}'::text[] from stage_users u
					where u.kind = 'student' and u.status is distinct from 'tobedeleted'
					  and not exists (select 1 from stage_user_orgs uo join org_ref r on r.sourced_id = uo.org_sourced_id
					                  where uo.user_sourced_id = u.sourced_id and r.type = 'school')""");
			error("users.csv", "agentSourcedIds", """
					select a.line, 'unknown.user', array[a.agent] from stage_agent a
					where not exists (select 1 from user_ref r where r.sourced_id = a.agent)""");
			warn("users.csv", "agentSourcedIds", """
					select a.line, 'agent-of-' || a.kind || '.' || coalesce(r.kind, 'not-imported'), array[a.agent]
					from stage_agent a join user_ref r on r.sourced_id = a.agent
					where a.kind in ('student', 'guardian') and r.kind is distinct from
					      case when a.kind = 'student' then 'guardian' else 'student' end""");
			error("users.csv", "email", """
					select line, 'staff-email-twice', array[email, first::text]
					from (select line, email, min(line) over (partition by email) as first from stage_users
					      where kind = 'staff' and email is not null) d where line <> first""");
			error("users.csv", "email", """
					select u.line, 'staff-email-taken', array[u.email]
					from stage_users u
					where u.kind = 'staff' and u.email is not null
					  and exists (select 1 from directory.staff s where s.email = u.email and s.source_id <> u.sourced_id)""");
			error("enrollments.csv", "classSourcedId", """
					select e.line, 'unknown.class', array[e.class_sourced_id] from stage_enrollments e
					where not exists (select 1 from stage_classes c where c.sourced_id = e.class_sourced_id)
					  and not exists (select 1 from directory.section c where c.source_id = e.class_sourced_id)""");
			error("enrollments.csv", "schoolSourcedId", notASchool("stage_enrollments", "school_sourced_id"));
			error("enrollments.csv", "userSourcedId", """
					select e.line, 'unknown.user', array[e.user_sourced_id] from stage_enrollments e
					where not exists (select 1 from user_ref r where r.sourced_id = e.user_sourced_id)""");
			error("enrollments.csv", "role", """
					select e.line, 'enrolled-as.' || coalesce(r.kind, 'not-imported'), array[e.user_sourced_id, e.role]
					from stage_enrollments e join user_ref r on r.sourced_id = e.user_sourced_id
					where (e.role = 'student' and r.kind is distinct from 'student')
					   or (e.role in ('teacher', 'aide') and r.kind is distinct from 'staff')""");
			warn("enrollments.csv", "role", """
					select line, 'class-role-not-imported', array[role]
					from stage_enrollments where role not in ('student', 'teacher', 'aide')""");
			error("enrollments.csv", "endDate", """
					select line, 'enrolment-ends-before-start', array[end_date::text, begin_date::text]
					from stage_enrollments where end_date < begin_date""");
			error("demographics.csv", "sourcedId", """
					select d.line, 'unknown.demographics-student', array[d.sourced_id]
					from stage_demographics d
					where not exists (select 1 from user_ref r where r.sourced_id = d.sourced_id and r.kind = 'student')""");
			warn("orgs.csv", "type", """
					select line, 'org-type-not-read', array[type]
					from stage_orgs where type not in ('school', 'district')""");
			warn("orgs.csv", "type", """
					select line, 'second-district', array[first::text]
					from (select line, min(line) over () as first from stage_orgs where type = 'district') d
					where line <> first""");
		}

		private String notASchool(String table, String column) {
			return """
					select x.line, case when r.sourced_id is null then 'unknown.org' else 'org-not-a-school' end,
					       array[x.%2$s] || case when r.sourced_id is null then '{}'::text[] else array[r.type] end
					from %1$s x left join org_ref r on r.sourced_id = x.%2$s
					where r.type is distinct from 'school'""".formatted(table, column);
		}

		/** Writes the staged records into the directory and notes each record it changes. */
		private void apply() {
			sql("create temporary table touched (kind text not null, key text not null, action text not null) on commit drop");
			progress.accept(Phase.SCHOOLS_AND_CLASSES);
			applyOrgs();
			applySessions();
			applyCourses();
			applyClasses();
			if (issues.hasErrors()) {
				return;
			}
			progress.accept(Phase.STUDENTS);
			applyStudents();
			progress.accept(Phase.STAFF);
			applyStaff();
			progress.accept(Phase.GUARDIANS);
			applyGuardians();
			deactivateUnlisted();
			analyze("student", "guardian", "staff", "section");
			progress.accept(Phase.LINKS);
			applyGuardianships();
			progress.accept(Phase.ENROLMENTS);
			applyEnrolments();
			applyDemographics();
		}

		private void applyOrgs() {
			touch("district", """
					insert into directory.district as d (id, name, time_zone, source_id)
					select gen_random_uuid(), name, :zone, sourced_id from stage_orgs where type = 'district' order by line limit 1
					on conflict (singleton) do update set name = excluded.name, source_id = excluded.source_id
					where (d.name, d.source_id) is distinct from (excluded.name, excluded.source_id)
					returning d.id, case when xmax = 0 then 'added' else 'updated' end""");
			touch("schools", """
					insert into directory.school as s (id, source_id, name, kind, active)
					select gen_random_uuid(), o.sourced_id, o.name,
					       case when o.name ~* 'high' then 'HIGH' when o.name ~* 'middle' then 'MIDDLE'
					            when o.name ~* 'elementary|primary' then 'ELEMENTARY' else 'OTHER' end,
					       o.status is distinct from 'tobedeleted'
					from stage_orgs o where o.type = 'school'
					on conflict (source_id) do update set name = excluded.name, active = excluded.active
					where (s.name, s.active) is distinct from (excluded.name, excluded.active)
					returning s.id, case when xmax = 0 then 'added' when not s.active then 'deactivated' else 'updated' end""");
			if (bulk(RosterFile.ORGS)) {
				touch("schools", """
						update directory.school s set active = false
						where s.active and s.source_id is not null
						  and not exists (select 1 from stage_orgs o where o.sourced_id = s.source_id)
						returning s.id, 'deactivated'""");
			}
			sql("""
					create temporary table covered_school on commit drop as
					select s.id from directory.school s
					where s.source_id in (select sourced_id from stage_orgs where type = 'school'
					                      union select school_sourced_id from stage_classes
					                      union select org_sourced_id from stage_user_orgs)""");
		}

		private void applySessions() {
			touch("schoolYears", """
					insert into directory.school_year as y (id, source_id, name, starts_on, ends_on)
					select gen_random_uuid(), sourced_id, title, start_date, end_date
					from stage_academic_sessions where type = 'schoolYear'
					on conflict (source_id) do update set name = excluded.name, starts_on = excluded.starts_on, ends_on = excluded.ends_on
					where (y.name, y.starts_on, y.ends_on) is distinct from (excluded.name, excluded.starts_on, excluded.ends_on)
					returning y.id, case when xmax = 0 then 'added' else 'updated' end""");
			// A term's school year: its parent, its parent's parent, or else the school year whose
			// schoolYear column it shares (exports often leave parentSourcedId empty).
			sql("""
					create temporary table term_year on commit drop as
					select t.line, t.sourced_id, coalesce(
					  (select y.id from directory.school_year y where y.source_id = t.parent_sourced_id),
					  (select tt.school_year_id from directory.term tt where tt.source_id = t.parent_sourced_id
					     and not exists (select 1 from stage_academic_sessions x where x.sourced_id = tt.source_id)),
					  (select y.id from stage_academic_sessions p join directory.school_year y on y.source_id = p.parent_sourced_id
					     where p.sourced_id = t.parent_sourced_id),
					  (select y.id from stage_academic_sessions s join directory.school_year y on y.source_id = s.sourced_id
					     where s.type = 'schoolYear' and s.school_year = t.school_year order by s.line limit 1)) as school_year_id
					from stage_academic_sessions t where t.type <> 'schoolYear'""");
			// Failing all of those, the school year is made from the schoolYear column itself, which
			// 1.1 and 1.2 require: real delta files often send a term without its year.
			warn("academicSessions.csv", "schoolYear", """
					select s.line, 'school-year-from-column', array[s.school_year]
					from stage_academic_sessions s join term_year t using (sourced_id)
					where t.school_year_id is null and s.school_year is not null""");
			touch("schoolYears", """
					insert into directory.school_year as y (id, source_id, name, starts_on, ends_on)
					select gen_random_uuid(), 'schoolYear:' || s.school_year, s.school_year, min(s.start_date), max(s.end_date)
					from stage_academic_sessions s join term_year t using (sourced_id)
					where t.school_year_id is null and s.school_year is not null group by s.school_year
					on conflict (source_id) do update set starts_on = least(y.starts_on, excluded.starts_on),
					  ends_on = greatest(y.ends_on, excluded.ends_on)
					where (y.starts_on, y.ends_on) is distinct from
					      (least(y.starts_on, excluded.starts_on), greatest(y.ends_on, excluded.ends_on))
					returning y.id, case when xmax = 0 then 'added' else 'updated' end""");
			sql("""
					update term_year t set school_year_id = y.id
					from stage_academic_sessions s, directory.school_year y
					where t.school_year_id is null and s.sourced_id = t.sourced_id and y.source_id = 'schoolYear:' || s.school_year""");
			error("academicSessions.csv", "parentSourcedId", """
					select line, 'no-school-year', '{}'::text[]
					from term_year where school_year_id is null""");
			if (issues.hasErrors()) {
				return;
			}
			touch("terms", """
					insert into directory.term as t (id, source_id, school_year_id, name, starts_on, ends_on)
					select gen_random_uuid(), s.sourced_id, ty.school_year_id, s.title, s.start_date, s.end_date
					from stage_academic_sessions s join term_year ty on ty.sourced_id = s.sourced_id
					on conflict (source_id) do update set school_year_id = excluded.school_year_id, name = excluded.name,
					  starts_on = excluded.starts_on, ends_on = excluded.ends_on
					where (t.school_year_id, t.name, t.starts_on, t.ends_on)
					      is distinct from (excluded.school_year_id, excluded.name, excluded.starts_on, excluded.ends_on)
					returning t.id, case when xmax = 0 then 'added' else 'updated' end""");
		}

		private void applyCourses() {
			touch("courses", """
					insert into directory.course as c (id, source_id, title, course_code, active)
					select gen_random_uuid(), sourced_id, title, course_code, status is distinct from 'tobedeleted'
					from stage_courses
					on conflict (source_id) do update set title = excluded.title, course_code = excluded.course_code,
					  active = excluded.active
					where (c.title, c.course_code, c.active) is distinct from (excluded.title, excluded.course_code, excluded.active)
					returning c.id, case when xmax = 0 then 'added' when not c.active then 'deactivated' else 'updated' end""");
		}

		private void applyClasses() {
			touch("classes", """
					insert into directory.section as x (id, source_id, school_id, term_id, title, course_code, active)
					select gen_random_uuid(), c.sourced_id, s.id,
					       (select t.id from unnest(string_to_array(c.term_sourced_ids, ',')) with ordinality n(term, position)
					        join directory.term t on t.source_id = trim(n.term) order by n.position limit 1),
					       c.title, co.course_code, c.status is distinct from 'tobedeleted'
					from stage_classes c join directory.school s on s.source_id = c.school_sourced_id
					left join directory.course co on co.source_id = c.course_sourced_id
					on conflict (source_id) do update set school_id = excluded.school_id, term_id = excluded.term_id,
					  title = excluded.title, course_code = excluded.course_code, active = excluded.active
					where (x.school_id, x.term_id, x.title, x.course_code, x.active)
					      is distinct from (excluded.school_id, excluded.term_id, excluded.title, excluded.course_code, excluded.active)
					returning x.id, case when xmax = 0 then 'added' when not x.active then 'deactivated' else 'updated' end""");
			if (bulk(RosterFile.CLASSES)) {
				touch("classes", """
						update directory.section x set active = false
						where x.active and x.source_id is not null and x.school_id in (select id from covered_school)
						  and not exists (select 1 from stage_classes c where c.sourced_id = x.source_id)
						returning x.id, 'deactivated'""");
			}
		}

		private void applyStudents() {
			touch("students", """
					insert into directory.student as x (id, source_id, given_name, family_name, grade, birth_date, active)
					select gen_random_uuid(), u.sourced_id, u.given_name, u.family_name, coalesce(u.grade, 'Other'),
					       dm.birth_date, u.status is distinct from 'tobedeleted'
					from stage_users u left join stage_demographics dm on dm.sourced_id = u.sourced_id
					where u.kind = 'student'
					on conflict (source_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
					  grade = excluded.grade, active = excluded.active, version = x.version + 1
					where (x.given_name, x.family_name, x.grade, x.active)
					      is distinct from (excluded.given_name, excluded.family_name, excluded.grade, excluded.active)
					returning x.id, case when xmax = 0 then 'added' when not x.active then 'deactivated' else 'updated' end""");
			// Enrolled, from today, at the first school among the student's orgs; an enrolment at
			// another school ends the day before, so that a transfer is exact to the day.
			sql("""
					create temporary table student_school on commit drop as
					select distinct on (x.id) x.id as student_id, s.id as school_id
					from stage_users u join directory.student x on x.source_id = u.sourced_id
					join stage_user_orgs uo on uo.user_sourced_id = u.sourced_id
					join directory.school s on s.source_id = uo.org_sourced_id
					where u.kind = 'student' and u.status is distinct from 'tobedeleted'
					order by x.id, uo.position, uo.line""");
			touch("students", """
					update directory.enrolment e set ends_on = :yesterday
					from student_school ss
					where e.student_id = ss.student_id and e.school_id <> ss.school_id
					  and (e.ends_on is null or e.ends_on >= :today) and e.starts_on < :today
					returning e.student_id, 'updated'""");
			// An enrolment made today and moved today was a mistake of the day, not a period at a school.
			touch("students", """
					delete from directory.enrolment e using student_school ss
					where e.student_id = ss.student_id and e.school_id <> ss.school_id and e.starts_on >= :today
					returning e.student_id, 'updated'""");
			// EXCEPT rather than NOT EXISTS: on a first import the table looks empty to the planner,
			// which then scans it once per student while the insert grows it, quadratic in students.
			touch("students", """
					insert into directory.enrolment (id, student_id, school_id, starts_on)
					select gen_random_uuid(), m.student_id, m.school_id, :today
					from (select student_id, school_id from student_school
					      except
					      select student_id, school_id from directory.enrolment
					      where starts_on <= :today and (ends_on is null or ends_on >= :today)) m
					returning student_id, 'updated'""");
		}

		private void applyStaff() {
			// A member of staff entered by hand before the SIS sent them is the same person when the
			// e-mail address matches: the record is adopted rather than duplicated.
			touch("staff", """
					update directory.staff s set source_id = u.sourced_id from stage_users u
					where u.kind = 'staff' and s.source_id is null and s.email = u.email
					  and not exists (select 1 from directory.staff o where o.source_id = u.sourced_id)
					returning s.id, 'updated'""");
			touch("staff", """
					insert into directory.staff as s (id, source_id, given_name, family_name, email, active)
					select gen_random_uuid(), u.sourced_id, u.given_name, u.family_name, u.email,
					       u.status is distinct from 'tobedeleted'
					from stage_users u where u.kind = 'staff'
					on conflict (source_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
					  email = excluded.email, active = excluded.active
					where (s.given_name, s.family_name, s.email, s.active)
					      is distinct from (excluded.given_name, excluded.family_name, excluded.email, excluded.active)
					returning s.id, case when xmax = 0 then 'added' when not s.active then 'deactivated' else 'updated' end""");
			sql("""
					create temporary table staff_role on commit drop as
					select distinct x.id as staff_id, s.id as school_id,
					       case when uo.role in ('teacher', 'aide') then 'TEACHER' when uo.role = 'counselor' then 'COUNSELOR'
					            else 'SCHOOL_ADMIN' end as role
					from stage_user_orgs uo join stage_users u on u.sourced_id = uo.user_sourced_id and u.kind = 'staff'
					join directory.staff x on x.source_id = u.sourced_id
					join directory.school s on s.source_id = uo.org_sourced_id
					where uo.role in (%s) and uo.role <> 'districtAdministrator'""".formatted(quoted(STAFF_ROLES)));
			touch("staff", """
					insert into directory.staff_assignment (staff_id, school_id, role)
					select staff_id, school_id, role from staff_role on conflict do nothing
					returning staff_id, 'updated'""");
			touch("staff", """
					delete from directory.staff_assignment a
					using directory.staff x, stage_users u
					where a.staff_id = x.id and x.source_id = u.sourced_id and u.kind = 'staff'
					  and a.role in ('TEACHER', 'SCHOOL_ADMIN', 'COUNSELOR')
					  and not exists (select 1 from staff_role r where r.staff_id = a.staff_id and r.school_id = a.school_id
					                  and r.role = a.role)
					returning a.staff_id, 'updated'""");
		}

		private void applyGuardians() {
			conflict("users.csv", "metadata.language", """
					select u.line, 'language-kept', array[u.sourced_id, g.preferred_language, u.language]
					from stage_users u join directory.guardian g on g.source_id = u.sourced_id
					join directory.family_edit fe on fe.guardian_id = g.id and fe.field_group = 'LANGUAGE'
					where u.kind = 'guardian' and u.language is not null and u.language <> g.preferred_language""");
			touch("guardians", """
					insert into directory.guardian as g (id, source_id, given_name, family_name, preferred_language, active)
					select gen_random_uuid(), u.sourced_id, u.given_name, u.family_name,
					       case when fe.guardian_id is not null then cur.preferred_language
					            else coalesce(u.language, cur.preferred_language, 'en') end,
					       u.status is distinct from 'tobedeleted'
					from stage_users u left join directory.guardian cur on cur.source_id = u.sourced_id
					left join directory.family_edit fe on fe.guardian_id = cur.id and fe.field_group = 'LANGUAGE'
					where u.kind = 'guardian'
					on conflict (source_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
					  preferred_language = excluded.preferred_language, active = excluded.active, version = g.version + 1
					where (g.given_name, g.family_name, g.preferred_language, g.active)
					      is distinct from (excluded.given_name, excluded.family_name, excluded.preferred_language, excluded.active)
					returning g.id, case when xmax = 0 then 'added' when not g.active then 'deactivated' else 'updated' end""");
			sql("""
					create temporary table sis_guardian on commit drop as
					select g.id as guardian_id, u.line, u.sourced_id,
					       exists (select 1 from directory.family_edit fe where fe.guardian_id = g.id and fe.field_group = 'CONTACTS') as edited
					from stage_users u join directory.guardian g on g.source_id = u.sourced_id where u.kind = 'guardian'""");
			sql("""
					create temporary table sis_contact on commit drop as
					select distinct on (sg.guardian_id, c.kind, c.value) sg.guardian_id, c.kind, c.value, c.valid, c.position, sg.edited
					from sis_guardian sg join stage_users u on u.sourced_id = sg.sourced_id
					cross join lateral (values ('EMAIL', u.email, true, 0), ('PHONE', u.phone, u.phone_valid::boolean, 1),
					                           ('PHONE', u.sms, u.sms_valid::boolean, 2)) c(kind, value, valid, position)
					where c.value is not null
					order by sg.guardian_id, c.kind, c.value, c.position""");
			sql("create index on sis_contact (guardian_id)");
			conflict("users.csv", "email, phone, sms", """
					select sg.line, 'contacts-kept' || case when cur.contacts is null then '.none-kept' when sis.contacts is null then '.none-sent'
					                             else '' end,
					       array[sg.sourced_id, coalesce(cur.contacts, ''), coalesce(sis.contacts, '')]
					from sis_guardian sg
					left join lateral (select string_agg(c.value, ', ' order by c.value) as contacts from directory.contact_point c
					                   where c.guardian_id = sg.guardian_id) cur on true
					left join lateral (select string_agg(s.value, ', ' order by s.value) as contacts from sis_contact s
					                   where s.guardian_id = sg.guardian_id) sis on true
					where sg.edited and cur.contacts is distinct from sis.contacts""");
			touch("guardians", """
					delete from directory.contact_point c using sis_guardian sg
					where sg.guardian_id = c.guardian_id and not sg.edited
					  and not exists (select 1 from sis_contact s where s.guardian_id = c.guardian_id and s.kind = c.kind
					                  and s.value = c.value)
					returning c.guardian_id, 'updated'""");
			touch("guardians", """
					insert into directory.contact_point as c (id, guardian_id, kind, value, valid, position, verified)
					select gen_random_uuid(), guardian_id, kind, value, valid, position, true from sis_contact where not edited
					on conflict (guardian_id, kind, value) do update set valid = excluded.valid, position = excluded.position,
					  verified = true
					where (c.valid, c.position, c.verified) is distinct from (excluded.valid, excluded.position, true)
					returning c.guardian_id, 'updated'""");
		}

		/**
		 * A bulk users file lists everyone at the schools it covers: whoever it no longer lists is
		 * deactivated (never deleted), students by their enrolment, guardians by their children,
		 * staff by where they work.
		 */
		private void deactivateUnlisted() {
			if (!bulk(RosterFile.USERS)) {
				return;
			}
			touch("students", """
					update directory.student x set active = false, version = x.version + 1
					where x.active and x.source_id is not null
					  and not exists (select 1 from stage_users u where u.sourced_id = x.source_id)
					  and exists (select 1 from directory.enrolment e join covered_school c on c.id = e.school_id
					              where e.student_id = x.id and (e.ends_on is null or e.ends_on >= :today))
					returning x.id, 'deactivated'""");
			touch("guardians", """
					update directory.guardian g set active = false, version = g.version + 1
					where g.active and g.source_id is not null
					  and not exists (select 1 from stage_users u where u.sourced_id = g.source_id)
					  and exists (select 1 from directory.guardianship l
					              join directory.enrolment e on e.student_id = l.student_id
					              join covered_school c on c.id = e.school_id
					              where l.guardian_id = g.id and (e.ends_on is null or e.ends_on >= :today))
					returning g.id, 'deactivated'""");
			touch("staff", """
					update directory.staff s set active = false
					where s.active and s.source_id is not null
					  and not exists (select 1 from stage_users u where u.sourced_id = s.source_id)
					  and exists (select 1 from directory.staff_assignment a join covered_school c on c.id = a.school_id
					              where a.staff_id = s.id)
					returning s.id, 'deactivated'""");
		}

		/** Links named on either side (a student's agents, a guardian's agents) are one set. */
		private void applyGuardianships() {
			sql("""
					create temporary table sis_link on commit drop as
					select distinct on (g.id, x.id) g.id as guardian_id, x.id as student_id,
					       case gu.role when 'parent' then 'PARENT' when 'guardian' then 'GUARDIAN' when 'relative' then 'RELATIVE'
					       end as relationship
					from (select agent as guardian_source, sourced_id as student_source from stage_agent where kind = 'student'
					      union all
					      select sourced_id, agent from stage_agent where kind = 'guardian') p
					join directory.guardian g on g.source_id = p.guardian_source
					join directory.student x on x.source_id = p.student_source
					left join stage_users gu on gu.sourced_id = p.guardian_source and gu.kind = 'guardian'
					order by g.id, x.id""");
			sql("create index on sis_link (guardian_id, student_id)");
			touch("guardianships", """
					insert into directory.guardianship as l (guardian_id, student_id, relationship)
					select guardian_id, student_id, coalesce(relationship, 'OTHER') from sis_link
					on conflict (guardian_id, student_id) do update set relationship = excluded.relationship
					where l.relationship is distinct from excluded.relationship
					  and excluded.relationship <> 'OTHER'
					returning l.guardian_id || '/' || l.student_id, case when xmax = 0 then 'added' else 'updated' end""");
			if (bulk(RosterFile.USERS)) {
				analyze("guardianship");
				touch("guardianships", """
						delete from directory.guardianship l using directory.guardian g, directory.student x
						where g.id = l.guardian_id and x.id = l.student_id and g.source_id is not null and x.source_id is not null
						  and (exists (select 1 from stage_users u where u.sourced_id = x.source_id and u.kind = 'student')
						       or exists (select 1 from stage_users u where u.sourced_id = g.source_id and u.kind = 'guardian'))
						  and not exists (select 1 from sis_link s where s.guardian_id = l.guardian_id and s.student_id = l.student_id)
						returning l.guardian_id || '/' || l.student_id, 'deactivated'""");
			}
		}

		private void applyEnrolments() {
			// Without a beginDate, an enrolment already on file keeps its start, so that the same
			// file tomorrow is the same enrolment; a new one starts today.
			sql("""
					create temporary table sis_enrolment on commit drop as
					select distinct on (section_id, student_id, starts_on) section_id, student_id, starts_on, ends_on, deleted
					from (select x.id as section_id, st.id as student_id,
					             coalesce(e.begin_date, cur.starts_on, cast(:today as date)) as starts_on, e.end_date as ends_on,
					             e.status is not distinct from 'tobedeleted' as deleted, e.line
					      from stage_enrollments e join directory.section x on x.source_id = e.class_sourced_id
					      join directory.student st on st.source_id = e.user_sourced_id
					      left join (select section_id, student_id, max(starts_on) as starts_on
					                 from directory.section_enrolment group by section_id, student_id) cur
					        on e.begin_date is null and cur.section_id = x.id and cur.student_id = st.id
					      where e.role = 'student') e
					order by section_id, student_id, starts_on, line""", true);
			touch("classEnrolments", """
					insert into directory.section_enrolment as se (section_id, student_id, starts_on, ends_on)
					select section_id, student_id, starts_on, ends_on from sis_enrolment where not deleted
					on conflict (section_id, student_id, starts_on) do update set ends_on = excluded.ends_on
					where se.ends_on is distinct from excluded.ends_on
					returning se.section_id || '/' || se.student_id || '/' || se.starts_on,
					          case when xmax = 0 then 'added' else 'updated' end""");
			touch("classEnrolments", """
					update directory.section_enrolment se set ends_on = greatest(se.starts_on, cast(:yesterday as date))
					from sis_enrolment s
					where s.deleted and se.section_id = s.section_id and se.student_id = s.student_id
					  and (se.ends_on is null or se.ends_on >= :today)
					returning se.section_id || '/' || se.student_id || '/' || se.starts_on, 'deactivated'""");
			sql("""
					create temporary table sis_teacher on commit drop as
					select distinct x.id as section_id, s.id as staff_id, e.status is not distinct from 'tobedeleted' as deleted
					from stage_enrollments e join directory.section x on x.source_id = e.class_sourced_id
					join directory.staff s on s.source_id = e.user_sourced_id
					where e.role in ('teacher', 'aide')""");
			touch("classTeachers", """
					insert into directory.section_teacher (section_id, staff_id)
					select section_id, staff_id from sis_teacher where not deleted on conflict do nothing
					returning section_id || '/' || staff_id, 'added'""");
			touch("classTeachers", """
					delete from directory.section_teacher t using sis_teacher s
					where s.deleted and t.section_id = s.section_id and t.staff_id = s.staff_id
					returning t.section_id || '/' || t.staff_id, 'deactivated'""");
			if (bulk(RosterFile.ENROLLMENTS)) {
				analyze("section_enrolment", "section_teacher");
				touch("classEnrolments", """
						update directory.section_enrolment se set ends_on = greatest(se.starts_on, cast(:yesterday as date))
						from directory.section x
						where x.id = se.section_id and x.source_id is not null and x.school_id in (select id from covered_school)
						  and (se.ends_on is null or se.ends_on >= :today)
						  and not exists (select 1 from sis_enrolment s where s.section_id = se.section_id
						                  and s.student_id = se.student_id and s.starts_on = se.starts_on and not s.deleted)
						returning se.section_id || '/' || se.student_id || '/' || se.starts_on, 'deactivated'""");
				touch("classTeachers", """
						delete from directory.section_teacher t using directory.section x
						where x.id = t.section_id and x.source_id is not null and x.school_id in (select id from covered_school)
						  and not exists (select 1 from sis_teacher s where s.section_id = t.section_id and s.staff_id = t.staff_id
						                  and not s.deleted)
						returning t.section_id || '/' || t.staff_id, 'deactivated'""");
			}
		}

		private void applyDemographics() {
			touch("demographics", """
					insert into directory.student_demographics as d (student_id, sex, hispanic_or_latino, races)
					select x.id, dm.sex, cast(dm.hispanic as boolean),
					       array_remove(array[
					         case when dm.american_indian = 'true' then 'AmericanIndianOrAlaskaNative' end,
					         case when dm.asian = 'true' then 'Asian' end,
					         case when dm.black = 'true' then 'BlackOrAfricanAmerican' end,
					         case when dm.pacific_islander = 'true' then 'NativeHawaiianOrOtherPacificIslander' end,
					         case when dm.white = 'true' then 'White' end,
					         case when dm.two_or_more = 'true' then 'DemographicRaceTwoOrMoreRaces' end], null)
					from stage_demographics dm join directory.student x on x.source_id = dm.sourced_id
					on conflict (student_id) do update set sex = excluded.sex, hispanic_or_latino = excluded.hispanic_or_latino,
					  races = excluded.races
					where (d.sex, d.hispanic_or_latino, d.races) is distinct from (excluded.sex, excluded.hispanic_or_latino, excluded.races)
					returning d.student_id, case when xmax = 0 then 'added' else 'updated' end""");
			// A student added by this import took their birth date as they were added; this changes it
			// for those already on file.
			touch("students", """
					update directory.student x set birth_date = dm.birth_date, version = x.version + 1
					from stage_demographics dm where x.source_id = dm.sourced_id and x.birth_date is distinct from dm.birth_date
					returning x.id, 'updated'""");
		}

		private Map<String, ImportCounts> counts() {
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

		private void touch(String kind, String changing) {
			long started = System.nanoTime();
			jdbc.sql("with changed (key, action) as (" + changing + ") insert into touched select :kind, key::text, action from changed")
				.params(parameters())
				.param("kind", kind)
				.update();
			timed("touch " + kind, changing, started);
		}

		/** Where an import's time goes, statement by statement, at DEBUG. */
		private void timed(String what, String statement, long started) {
			if (log.isDebugEnabled()) {
				String first = statement.strip().lines().findFirst().orElse("");
				log.debug("{} ms  {}: {}", (System.nanoTime() - started) / 1_000_000, what,
						first.length() > 100 ? first.substring(0, 100) : first);
			}
		}

		private Map<String, Object> parameters() {
			return Map.of("today", today, "yesterday", today.minusDays(1), "zone", zone.getId());
		}

		private void error(String file, String column, String query) {
			report(query, (line, name, arguments) -> issues.error(file, line, column, name, arguments));
		}

		private void warn(String file, String column, String query) {
			report(query, (line, name, arguments) -> issues.warn(file, line, column, name, arguments));
		}

		private void conflict(String file, String column, String query) {
			report(query, (line, name, arguments) -> issues.conflict(file, line, column, name, arguments));
		}

		/**
		 * Runs a check that selects, per defect, its line, the key of its words after
		 * {@code imports.issue.} and the {@code text[]} of values they quote.
		 */
		private void report(String query, Finding into) {
			long started = System.nanoTime();
			jdbc.sql("select * from (" + query + ") found order by 1 limit " + (Issues.MAX_LISTED + 1))
				.params(parameters())
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

		private interface Finding {

			void accept(int line, String name, List<String> arguments);
		}

		private void sql(String statement) {
			sql(statement, false);
		}

		private void sql(String statement, boolean withParameters) {
			long started = System.nanoTime();
			var spec = jdbc.sql(statement);
			if (withParameters) {
				spec = spec.params(parameters());
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

		private long count(String query) {
			return jdbc.sql(query).query(Long.class).single();
		}
	}

	private static String quoted(List<String> values) {
		return String.join(", ", values.stream().map(value -> "'" + value + "'").toList());
	}
}
