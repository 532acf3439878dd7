package org.homeroom.directory.oneroster;

import static org.homeroom.directory.oneroster.RosterStatements.quoted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.homeroom.directory.DistrictClock;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one OneRoster set, all or nothing, in one transaction: the files are staged with
 * {@code COPY}, checked against each other and against what the directory holds
 * ({@link RosterChecks}), and applied with set-based upserts that only touch a row whose values
 * change ({@link RosterWrites}), so that importing the same files again changes nothing and
 * reports nothing. A transaction-scoped advisory lock makes imports wait for one another across
 * every node.
 */
@Component
class RosterImporter {

	/** The advisory lock key of the import: "OneRostr" in ASCII. */
	static final long LOCK = 0x4f6e65526f737472L;

	/** More than this share of active students or guardians deactivated stops an import unless forced. */
	static final int GUARD_PERCENT = 10;

	static final List<String> STAFF_ROLES = List.of("teacher", "aide", "administrator", "principal",
			"siteAdministrator", "districtAdministrator", "counselor");

	static final List<String> GUARDIAN_ROLES = List.of("parent", "guardian", "relative");

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
			Run run = new Run(folder, new RosterStatements(jdbc, today, zone), progress);
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

		private final RosterStatements statements;

		private final Issues issues = new Issues();

		private final RosterChecks checks;

		private final Consumer<Phase> progress;

		Run(Path folder, RosterStatements statements, Consumer<Phase> progress) {
			this.folder = folder;
			this.statements = statements;
			this.checks = new RosterChecks(statements, issues);
			this.progress = progress;
		}

		Outcome execute(boolean force) {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
			// Its statements sort and hash whole files: at the default 4 MB each spills to disk, and
			// JIT compiles each large one afresh for less than it costs.
			statements.sql("set local work_mem = '64MB'");
			statements.sql("set local jit = off");
			progress.accept(Phase.READING);
			Map<String, Path> files = files();
			RosterManifest manifest = RosterManifest.read(files, issues);
			stage(files, manifest);
			// Even when some values could not be read, the references are checked, so that one
			// rejection lists every defect rather than the first kind found.
			progress.accept(Phase.CHECKING);
			derive(manifest.version());
			checks.beforeWriting();
			if (issues.hasErrors()) {
				return rejected("The files have errors; nothing was changed");
			}
			long activeStudents = statements.count("select count(*) from directory.student where active");
			long activeGuardians = statements.count("select count(*) from directory.guardian where active");
			apply(new RosterWrites(statements, checks, issues, manifest));
			if (issues.hasErrors()) {
				return rejected("The files have errors; nothing was changed");
			}
			progress.accept(Phase.SUMMING_UP);
			Map<String, ImportCounts> counts = statements.touched();
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

		/** Copies each file the manifest lets through into its staging table, checking each value as it goes. */
		private void stage(Map<String, Path> files, RosterManifest manifest) {
			for (RosterFile file : RosterFile.values()) {
				jdbc.sql(file.stageDefinition()).update();
			}
			// Who each user is to Homeroom follows from their role, worked out as the rows arrive
			// (and again when roles.csv gives the role) rather than by a second pass over every user.
			statements.sql("""
					alter table stage_users add column kind text generated always as (case when role = 'student' then 'student'
					  when role in (%s) then 'staff' when role in (%s) then 'guardian' end) stored"""
				.formatted(quoted(STAFF_ROLES), quoted(GUARDIAN_ROLES)));
			long started = System.nanoTime();
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				Stager stager = new Stager(connection.unwrap(PGConnection.class).getCopyAPI(), issues, manifest.version(),
						defaultRegion);
				for (var entry : manifest.modes().entrySet()) {
					stager.stage(entry.getKey(), files.get(entry.getKey().fileName().toLowerCase(Locale.ROOT)));
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Staging the OneRoster files failed", ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			statements.timed("copy", "all files", started);
			for (RosterFile file : RosterFile.values()) {
				// No record names an enrolment by its sourcedId: an index on the largest file would
				// cost the time of a check and serve none.
				if (file != RosterFile.ENROLLMENTS) {
					statements.sql("create index on " + file.stageTable() + " (sourced_id)");
				}
				statements.sql("analyze " + file.stageTable());
			}
		}

		/** Who each user is to Homeroom, the orgs they belong to, and what each sourcedId names. */
		private void derive(String version) {
			// Statistics as of now: right after a large import, autovacuum may not have caught up,
			// and a plan made for the empty directory of yesterday is quadratic today.
			statements.analyze("school", "student", "guardian", "staff", "section", "contact_point", "guardianship", "enrolment",
					"section_enrolment", "staff_assignment");
			// 1.2 moved roles into roles.csv: a user's role is their primary one there.
			if (version.equals("1.2")) {
				statements.sql("""
						update stage_users u set role = r.role
						from (select distinct on (user_sourced_id) user_sourced_id, role from stage_roles
						      order by user_sourced_id, (role_type = 'primary') desc, line) r
						where u.role is null and r.user_sourced_id = u.sourced_id""");
				statements.sql("analyze stage_users");
			}
			statements.sql("""
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
			statements.sql("""
					create temporary table org_ref on commit drop as
					select sourced_id, type from stage_orgs
					union all select source_id, 'school' from directory.school
					  where source_id is not null and not exists (select 1 from stage_orgs x where x.sourced_id = source_id)
					union all select source_id, 'district' from directory.district
					  where source_id is not null and not exists (select 1 from stage_orgs x where x.sourced_id = source_id)""");
			statements.sql("""
					create temporary table session_ref on commit drop as
					select sourced_id, type from stage_academic_sessions
					union all select source_id, 'schoolYear' from directory.school_year where source_id is not null
					  and not exists (select 1 from stage_academic_sessions x where x.sourced_id = source_id)
					union all select source_id, 'term' from directory.term where source_id is not null
					  and not exists (select 1 from stage_academic_sessions x where x.sourced_id = source_id)""");
			statements.sql("""
					create temporary table user_ref on commit drop as
					select sourced_id, kind from stage_users
					union all select source_id, 'student' from directory.student where source_id is not null
					  and not exists (select 1 from stage_users x where x.sourced_id = source_id)
					union all select source_id, 'guardian' from directory.guardian where source_id is not null
					  and not exists (select 1 from stage_users x where x.sourced_id = source_id)
					union all select source_id, 'staff' from directory.staff where source_id is not null
					  and not exists (select 1 from stage_users x where x.sourced_id = source_id)""");
			for (String table : List.of("org_ref", "session_ref", "user_ref")) {
				statements.sql("create index on " + table + " (sourced_id)");
				statements.sql("analyze " + table);
			}
			statements.sql("create index on stage_user_orgs (user_sourced_id)");
			statements.sql("analyze stage_user_orgs");
			// Each sourcedId a user's agentSourcedIds names, once for the checks and the links alike.
			statements.sql("""
					create temporary table stage_agent on commit drop as
					select u.line, u.sourced_id, u.kind, trim(a.agent) as agent
					from stage_users u, unnest(string_to_array(u.agent_sourced_ids, ',')) a(agent)
					where trim(a.agent) <> ''""");
		}

		/** Writes the staged records into the directory, in the order in which each reads the last. */
		private void apply(RosterWrites writes) {
			statements.sql("create temporary table touched (kind text not null, key text not null, action text not null) on commit drop");
			progress.accept(Phase.SCHOOLS_AND_CLASSES);
			writes.orgs();
			writes.sessions();
			writes.courses();
			writes.classes();
			if (issues.hasErrors()) {
				return;
			}
			progress.accept(Phase.STUDENTS);
			writes.students();
			progress.accept(Phase.STAFF);
			writes.staff();
			progress.accept(Phase.GUARDIANS);
			writes.guardians();
			writes.deactivateUnlisted();
			statements.analyze("student", "guardian", "staff", "section");
			progress.accept(Phase.LINKS);
			writes.guardianships();
			progress.accept(Phase.ENROLMENTS);
			writes.enrolments();
			writes.demographics();
		}
	}
}
