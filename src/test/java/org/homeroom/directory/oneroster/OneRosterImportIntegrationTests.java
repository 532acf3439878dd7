package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import's rules, on the project's own small set ({@link RosterSet}): what it takes in, what
 * it tolerates, what it refuses whole, and what it never overwrites or deletes.
 */
@IntegrationTest
class OneRosterImportIntegrationTests {

	@Autowired
	RosterImports imports;

	@Autowired
	RosterImporter importer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@TempDir
	Path temp;

	int runs;

	@BeforeEach
	@AfterEach
	void emptyDirectory() {
		RosterSet.clearDirectory(jdbc);
	}

	@Test
	void importsADistrictAndImportingItAgainChangesNothing() {
		RosterImportView first = run(RosterSet.riverside());

		assertThat(first.status()).isEqualTo("COMPLETED");
		assertThat(first.errors()).isEmpty();
		assertThat(first.counts().get("students")).isEqualTo(new ImportCounts(12, 0, 0));
		assertThat(first.counts().get("guardians")).isEqualTo(new ImportCounts(12, 0, 0));
		assertThat(first.counts().get("staff")).isEqualTo(new ImportCounts(1, 0, 0));
		assertThat(first.counts().get("guardianships")).isEqualTo(new ImportCounts(12, 0, 0));
		assertThat(first.counts().get("classEnrolments")).isEqualTo(new ImportCounts(12, 0, 0));
		assertThat(first.counts().get("schools")).isEqualTo(new ImportCounts(1, 0, 0));

		assertThat(value("select given_name || ' ' || family_name || ' ' || grade from directory.student where source_id = 'st03'"))
			.isEqualTo("Student03 Family03 07");
		assertThat(value("""
				select sc.name from directory.enrolment e join directory.student s on s.id = e.student_id
				join directory.school sc on sc.id = e.school_id where s.source_id = 'st03' and e.ends_on is null"""))
			.isEqualTo("Lincoln Middle School");
		assertThat(value("select preferred_language from directory.guardian where source_id = 'g03'")).isEqualTo("es");
		assertThat(jdbc.sql("""
				select c.kind || ' ' || c.value from directory.contact_point c join directory.guardian g on g.id = c.guardian_id
				where g.source_id = 'g03' order by c.position""").query(String.class).list())
			.containsExactly("EMAIL parent03@example.test", "PHONE +12025550103");
		assertThat(value("""
				select s.source_id from directory.guardianship l join directory.guardian g on g.id = l.guardian_id
				join directory.student s on s.id = l.student_id where g.source_id = 'g03'""")).isEqualTo("st03");
		assertThat(value("""
				select a.role from directory.staff_assignment a join directory.staff s on s.id = a.staff_id
				where s.email = 'ana.rivera@riverside.test'""")).isEqualTo("TEACHER");
		assertThat(value("""
				select x.title || ' ' || x.course_code || ' ' || t.name from directory.section x join directory.term t on t.id = x.term_id
				join directory.section_teacher st on st.section_id = x.id join directory.staff s on s.id = st.staff_id
				where s.source_id = 't1'""")).isEqualTo("Math 7 A MATH7 Fall 2026");
		assertThat(value("select name || ' ' || source_id from directory.district")).isEqualTo("Riverside Unified d1");
		assertThat(value("select birth_date::text from directory.student where source_id = 'st03'")).isEqualTo("2013-04-03");

		RosterImportView again = run(RosterSet.riverside());
		assertThat(again.status()).isEqualTo("COMPLETED");
		assertThat(again.counts()).isEmpty();
	}

	/**
	 * The zone a first import records is the district's, as its clock reads it (once
	 * {@code homeroom.directory.time-zone} exists, the configured one), never the server's: the
	 * server here runs in a zone no test district has.
	 */
	@Test
	void aFirstImportRecordsTheDistrictsZoneWhateverTheServersZone() {
		// The directory was emptied under the clock, which may still keep the last district's zone.
		districtClock.forget();
		ZoneId district = districtClock.zone();
		String server = district.getId().equals("Asia/Kathmandu") ? "Pacific/Chatham" : "Asia/Kathmandu";
		TimeZone before = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone(server));
		try {
			assertThat(run(RosterSet.riverside()).status()).isEqualTo("COMPLETED");
		}
		finally {
			TimeZone.setDefault(before);
		}

		assertThat(value("select time_zone from directory.district")).isEqualTo(district.getId());
	}

	@Test
	void anImportTellsEachPhaseItReachesInOrderAndARejectedOneStopsAtTheChecks() {
		List<RosterImporter.Phase> reached = new ArrayList<>();
		importer.run(RosterSet.riverside().writeTo(temp.resolve("complete")), false, false, reached::add);
		assertThat(reached).containsExactly(RosterImporter.Phase.values());

		reached.clear();
		importer.run(RosterSet.riverside().replaceLine("enrollments.csv", "e-st04,", "e-st04,,,k-math7a,s1,st04,student,false,1/05/2023,")
			.writeTo(temp.resolve("broken")), false, false, reached::add);
		assertThat(reached).containsExactly(RosterImporter.Phase.READING, RosterImporter.Phase.CHECKING);
	}

	@Test
	void aBirthDateTheSisCorrectsLaterIsCorrected() {
		run(RosterSet.riverside());

		RosterImportView corrected = run(RosterSet.riverside()
			.replaceLine("demographics.csv", "st03,", "st03,,,2013-05-30,female,false,false,false,false,true,false,true,,,,"));

		assertThat(corrected.counts().get("students")).isEqualTo(new ImportCounts(0, 1, 0));
		assertThat(value("select birth_date::text from directory.student where source_id = 'st03'")).isEqualTo("2013-05-30");
	}

	@Test
	void toleratesTheVariationsOfRealExportsWithAWarningNamingWhere() {
		RosterImportView view = run(RosterSet.riverside()
			.withByteOrderMark("users.csv")
			.withCrlf("enrollments.csv")
			.replaceLine("users.csv", "st01,", "st01,,2026-09-01,TRUE,s1,Student,st01,,Student01,Family01,,,,,,g01,07,,")
			.replaceLine("users.csv", "t1,", "t1,,,true,s1,teacher,arivera,,Ana,Rivera,,,ana.rivera@riverside.test,,,,,,,")
			.change("classes.csv", lines -> List.of(lines.get(0) + ",vendorRoom", lines.get(1) + ",R12")));

		assertThat(view.status()).isEqualTo("COMPLETED");
		assertThat(view.errors()).isEmpty();
		assertThat(view.warnings()).extracting(Issue::toString).contains(
				"users.csv line 1: starts with a byte order mark; read past it",
				"enrollments.csv line 1: has Windows (CRLF) line endings; read as usual",
				"users.csv line 3 role: \"Student\" is in the wrong case; read as \"student\"",
				"users.csv line 3 enabledUser: \"TRUE\" is in the wrong case; read as \"true\"",
				"users.csv line 3 dateLastModified: a date where a date and time is expected; read as that day",
				"users.csv line 2: ends in an empty field the header does not name (a trailing comma); ignored",
				"classes.csv line 1 vendorRoom: not a OneRoster column; not read");
		assertThat(view.counts().get("students").added()).isEqualTo(12);
	}

	@Test
	void aMissingRequiredColumnRejectsTheWholeImportAndChangesNothing() {
		RosterImportView view = run(RosterSet.riverside().change("users.csv", lines -> lines.stream().map(line -> {
			List<String> fields = new java.util.ArrayList<>(List.of(line.split(",", -1)));
			fields.remove(8);
			return String.join(",", fields);
		}).toList()));

		assertThat(view.status()).isEqualTo("REJECTED");
		assertThat(view.reason()).isEqualTo("The files have errors; nothing was changed");
		assertThat(view.errors()).extracting(Issue::toString).containsExactly("users.csv line 1 givenName: a required column is missing");
		assertThat(count("select count(*) from directory.student")).isZero();
		assertThat(count("select count(*) from directory.school")).isZero();
	}

	@Test
	void aMissingValueAnUnknownSourcedIdAndAnUnreadableDateEachNameFileLineAndColumn() {
		RosterImportView view = run(RosterSet.riverside()
			.replaceLine("users.csv", "st02,", "st02,,,true,s1,student,st02,,,Family02,,,,,,g02,07,,")
			.replaceLine("enrollments.csv", "e-st03,", "e-st03,,,k-nowhere,s1,st03,student,false,2026-08-20,2026-12-18")
			.replaceLine("enrollments.csv", "e-st04,", "e-st04,,,k-math7a,s1,st04,student,false,1/05/2023,2026-12-18"));

		assertThat(view.status()).isEqualTo("REJECTED");
		assertThat(view.errors()).extracting(Issue::toString).containsExactlyInAnyOrder(
				"users.csv line 5 givenName: a value is required",
				"enrollments.csv line 5 classSourcedId: \"k-nowhere\" names no class, in these files or in Homeroom",
				"enrollments.csv line 6 beginDate: \"1/05/2023\" is not a date (YYYY-MM-DD)");
		assertThat(count("select count(*) from directory.student")).isZero();
	}

	@Test
	void aSourcedIdGivenTwiceInOneFileRejectsTheImportNamingBothLines() {
		RosterImportView view = run(RosterSet.riverside()
			.replaceLine("users.csv", "st05,", "st04,,,true,s1,student,st05,,Student05,Family05,,,,,,g05,07,,"));

		assertThat(view.status()).isEqualTo("REJECTED");
		assertThat(view.errors()).extracting(Issue::toString)
			.contains("users.csv line 11 sourcedId: \"st04\" appears more than once (first on line 9)")
			.filteredOn(error -> error.contains("more than once")).hasSize(1);
		assertThat(count("select count(*) from directory.student")).isZero();
	}

	@Test
	void aValueTooLongForAnyRosterIsRefusedNamingWhereRatherThanFailingTheImport() {
		String longName = "Family".repeat(100);
		RosterImportView view = run(RosterSet.riverside()
			.replaceLine("users.csv", "st05,", "st05,,,true,s1,student,st05,,Student05," + longName + ",,,,,,g05,07,,"));

		assertThat(view.status()).isEqualTo("REJECTED");
		assertThat(view.errors()).extracting(Issue::toString).containsExactly("users.csv line 11 familyName: longer than "
				+ Stager.LONGEST_VALUE + " characters, which no roster value needs; shorten it in the SIS");
	}

	@Test
	void aSourcedIdKnownFromAnEarlierImportIsNotUnknown() {
		run(RosterSet.riverside());

		RosterImportView delta = run(RosterSet.riverside()
			.replaceLine("manifest.csv", "file.enrollments,", "file.enrollments,delta")
			.replaceLine("manifest.csv", "file.classes,", "file.classes,absent")
			.replaceLine("manifest.csv", "file.users,", "file.users,absent")
			.change("enrollments.csv", lines -> List.of(lines.get(0),
					"e-st05b,,,k-math7a,s1,st05,student,false,2027-01-04,2027-05-28")));

		assertThat(delta.status()).isEqualTo("COMPLETED");
		assertThat(delta.counts().get("classEnrolments")).isEqualTo(new ImportCounts(1, 0, 0));
	}

	@Test
	void editsAFamilyMadeAreKeptAndReportedAsConflictsWhileTheSisKeepsItsNames() {
		run(RosterSet.riverside());
		UUID guardian = jdbc.sql("select id from directory.guardian where source_id = 'g05'").query(UUID.class).single();
		jdbc.sql("update directory.contact_point set value = 'lan@family.test' where guardian_id = ? and kind = 'EMAIL'")
			.param(guardian).update();
		jdbc.sql("update directory.guardian set preferred_language = 'vi' where id = ?").param(guardian).update();
		for (String group : List.of("CONTACTS", "LANGUAGE")) {
			jdbc.sql("insert into directory.family_edit (guardian_id, field_group, edited_by, edited_at) values (?, ?, 'family', ?)")
				.params(guardian, group, Timestamp.from(Instant.now())).update();
		}

		RosterImportView view = run(RosterSet.riverside().replaceLine("users.csv", "g05,",
				"g05,,,true,s1,parent,g05,,Lan,Nguyen,,,parent05@example.test,,(202) 555-0105,st05,,,es"));

		assertThat(view.status()).isEqualTo("COMPLETED");
		assertThat(view.conflicts()).extracting(Issue::toString).containsExactlyInAnyOrder(
				"users.csv line 12 metadata.language: guardian \"g05\" chose vi and the SIS sends es; kept vi",
				"users.csv line 12 email, phone, sms: guardian \"g05\" edited their contacts: kept +12025550105, lan@family.test; "
						+ "the SIS sends +12025550105, parent05@example.test");
		assertThat(value("select given_name || ' ' || family_name || ' ' || preferred_language from directory.guardian where id = '" + guardian + "'"))
			.isEqualTo("Lan Nguyen vi");
		assertThat(jdbc.sql("select value from directory.contact_point where guardian_id = ? order by value").param(guardian)
			.query(String.class).list()).containsExactly("+12025550105", "lan@family.test");
		assertThat(view.counts().get("guardians")).isEqualTo(new ImportCounts(0, 1, 0));
	}

	@Test
	void aGuardianLinkNamedOnEitherSideIsOneLink() {
		RosterImportView view = run(RosterSet.riverside()
			.replaceLine("users.csv", "st09,", RosterSet.student("09").replace(",g09,", ",,"))
			.replaceLine("users.csv", "g10,", "g10,,,true,s1,guardian,g10,,Parent10,Family10,,,,,,,,,"));

		assertThat(view.counts().get("guardianships")).isEqualTo(new ImportCounts(12, 0, 0));
		assertThat(jdbc.sql("""
				select g.source_id || ' ' || s.source_id || ' ' || l.relationship from directory.guardianship l
				join directory.guardian g on g.id = l.guardian_id join directory.student s on s.id = l.student_id
				where g.source_id in ('g09', 'g10') order by 1""").query(String.class).list())
			.containsExactly("g09 st09 PARENT", "g10 st10 GUARDIAN");
	}

	@Test
	void aRestrictionSetByHandIsNeverLoosened() {
		run(RosterSet.riverside());
		jdbc.sql("""
				insert into directory.restriction (id, guardian_id, student_id, type, starts_on, source, origin)
				select gen_random_uuid(), g.id, s.id, 'NO_RECORDS', date '2026-01-01', 'Court order 17', 'MANUAL'
				from directory.guardian g, directory.student s where g.source_id = 'g06' and s.source_id = 'st06'""").update();

		RosterImportView view = run(RosterSet.riverside());

		assertThat(view.counts()).isEmpty();
		assertThat(value("select type || ' ' || origin || ' ' || (lifted_at is null) from directory.restriction"))
			.isEqualTo("NO_RECORDS MANUAL true");
		assertThat(value("""
				select l.educational_rights::text from directory.guardianship l join directory.guardian g on g.id = l.guardian_id
				where g.source_id = 'g06'""")).isEqualTo("true");
	}

	@Test
	void aBulkFileDeactivatesWhoItNoLongerListsAndDeletesNoOne() {
		run(RosterSet.riverside());

		RosterImportView view = run(RosterSet.riverside().removeLines("users.csv", "st12,", "g12,")
			.removeLines("enrollments.csv", "e-st12,").removeLines("demographics.csv", "st12,"));

		assertThat(view.status()).isEqualTo("COMPLETED");
		assertThat(view.counts().get("students")).isEqualTo(new ImportCounts(0, 0, 1));
		assertThat(view.counts().get("guardians")).isEqualTo(new ImportCounts(0, 0, 1));
		assertThat(value("select active::text from directory.student where source_id = 'st12'")).isEqualTo("false");
		assertThat(value("select active::text from directory.guardian where source_id = 'g12'")).isEqualTo("false");
		assertThat(count("select count(*) from directory.student")).isEqualTo(12);
	}

	@Test
	void aDeltaFileDeactivatesWhatItMarksToBeDeleted() {
		run(RosterSet.riverside());

		RosterImportView view = run(RosterSet.riverside()
			.replaceLine("manifest.csv", "file.users,", "file.users,delta")
			.change("users.csv", lines -> List.of(lines.get(0),
					"st07,tobedeleted,2026-11-30T10:00:00Z,true,s1,student,st07,,Student07,Family07,,,,,,g07,07,,")));

		assertThat(view.counts().get("students")).isEqualTo(new ImportCounts(0, 0, 1));
		assertThat(value("select active::text from directory.student where source_id = 'st07'")).isEqualTo("false");
		assertThat(count("select count(*) from directory.student where active")).isEqualTo(11);
	}

	@Test
	void anImportThatWouldDeactivateMoreThanATenthStopsUnlessForced() {
		run(RosterSet.riverside());
		RosterSet smaller = RosterSet.riverside().removeLines("users.csv", "st11,", "st12,")
			.removeLines("enrollments.csv", "e-st11,", "e-st12,").removeLines("demographics.csv", "st11,", "st12,");

		RosterImportView stopped = run(smaller);

		assertThat(stopped.status()).isEqualTo("REJECTED");
		assertThat(stopped.reason()).startsWith("It would deactivate 2 of 12 active students, more than 10%");
		assertThat(count("select count(*) from directory.student where active")).isEqualTo(12);

		RosterImportView forced = run(smaller, false, true);

		assertThat(forced.status()).isEqualTo("COMPLETED");
		assertThat(forced.forced()).isTrue();
		assertThat(count("select count(*) from directory.student where active")).isEqualTo(10);
	}

	@Test
	void aDryRunReportsExactlyWhatWouldChangeAndChangesNothing() {
		RosterImportView dry = run(RosterSet.riverside(), true, false);

		assertThat(dry.status()).isEqualTo("COMPLETED");
		assertThat(dry.dryRun()).isTrue();
		assertThat(dry.counts().get("students")).isEqualTo(new ImportCounts(12, 0, 0));
		assertThat(count("select count(*) from directory.student")).isZero();

		run(RosterSet.riverside());
		RosterImportView renamed = run(RosterSet.riverside().replaceLine("users.csv", "st01,",
				"st01,,,true,s1,student,st01,,Maya,Family01,,,,,,g01,07,,"), true, false);

		assertThat(renamed.counts()).containsOnlyKeys("students");
		assertThat(renamed.counts().get("students")).isEqualTo(new ImportCounts(0, 1, 0));
		assertThat(value("select given_name from directory.student where source_id = 'st01'")).isEqualTo("Student01");
	}

	@Test
	void aStudentWhoMovesSchoolIsEnrolledThereFromTodayAndNoLongerAtTheFirst() {
		run(RosterSet.riverside());
		jdbc.sql("update directory.enrolment set starts_on = date '2026-08-20'").update();

		RosterImportView view = run(RosterSet.riverside()
			.change("orgs.csv", lines -> {
				lines.add("s2,,,Jefferson Middle School,school,,d1");
				return lines;
			})
			.replaceLine("users.csv", "st08,", RosterSet.student("08").replace(",s1,", ",s2,")));

		assertThat(view.counts().get("students")).isEqualTo(new ImportCounts(0, 1, 0));
		LocalDate today = districtClock.today();
		assertThat(jdbc.sql("""
				select sc.name || ' ' || coalesce(e.ends_on::text, 'open') from directory.enrolment e
				join directory.student s on s.id = e.student_id join directory.school sc on sc.id = e.school_id
				where s.source_id = 'st08' order by e.ends_on nulls last""").query(String.class).list())
			.containsExactly("Lincoln Middle School " + today.minusDays(1), "Jefferson Middle School open");
	}

	private RosterImportView run(RosterSet set) {
		return run(set, false, false);
	}

	private RosterImportView run(RosterSet set, boolean dryRun, boolean force) {
		Path folder = set.writeTo(temp.resolve("set" + (++runs)));
		UUID id = imports.importFolder("admin@district.test", folder, dryRun, force);
		return imports.find(id).orElseThrow();
	}

	private String value(String query) {
		return jdbc.sql(query).query(String.class).single();
	}

	private long count(String query) {
		return jdbc.sql(query).query(Long.class).single();
	}
}
