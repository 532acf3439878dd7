package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.homeroom.BenchApplication;
import org.postgresql.PGConnection;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import benchmark ({@code bench/import-oneroster.sh}): writes the district already in the
 * database (made by the directory's generator) out as a OneRoster 1.1 set in
 * {@code bench.folder}, empties the directory, imports the set through Homeroom, and prints the
 * time and the peak heap. Then it exits. A test source, so that no property can make the
 * production jar empty a district.
 */
class BenchRosterImport implements ApplicationRunner {

	public static void main(String[] args) {
		BenchApplication.run(BenchRosterImport.class, args);
	}

	private static final String MANIFEST = """
			propertyName,value
			manifest.version,1.0
			oneroster.version,1.1
			file.academicSessions,bulk
			file.orgs,bulk
			file.courses,bulk
			file.classes,bulk
			file.users,bulk
			file.enrollments,bulk
			file.demographics,bulk
			source.systemName,Homeroom bench
			""";

	/** Each file, as the query that writes it from the generated district. */
	private static final Map<String, String> FILES = Map.of(
			"orgs.csv", """
					select 'district' as "sourcedId", '' as status, '' as "dateLastModified", name, 'district' as type,
					       '' as identifier, '' as "parentSourcedId" from directory.district
					union all select id::text, '', '', name, 'school', '', 'district' from directory.school""",
			"academicSessions.csv", """
					select id::text as "sourcedId", '' as status, '' as "dateLastModified", name as title, 'schoolYear' as type,
					       starts_on as "startDate", ends_on as "endDate", '' as "parentSourcedId",
					       extract(year from ends_on)::text as "schoolYear" from directory.school_year
					union all select t.id::text, '', '', t.name, 'term', t.starts_on, t.ends_on, t.school_year_id::text,
					       extract(year from y.ends_on)::text from directory.term t join directory.school_year y on y.id = t.school_year_id""",
			"courses.csv", """
					select 'c-' || id as "sourcedId", '' as status, '' as "dateLastModified", '' as "schoolYearSourcedId",
					       title, coalesce(course_code, '') as "courseCode", '' as grades, school_id::text as "orgSourcedId",
					       '' as subjects, '' as "subjectCodes" from directory.section""",
			"classes.csv", """
					select id::text as "sourcedId", '' as status, '' as "dateLastModified", title, '' as grades,
					       'c-' || id as "courseSourcedId", '' as "classCode", 'scheduled' as "classType", '' as location,
					       school_id::text as "schoolSourcedId",
					       coalesce(term_id::text, (select min(id::text) from directory.school_year)) as "termSourcedIds",
					       '' as subjects, '' as "subjectCodes", '' as periods from directory.section""",
			"users.csv", """
					select s.id::text as "sourcedId", '' as status, '' as "dateLastModified", 'true' as "enabledUser",
					       (select e.school_id::text from directory.enrolment e where e.student_id = s.id order by e.starts_on desc limit 1)
					         as "orgSourcedIds", 'student' as role, 's' || s.id as username, '' as "userIds",
					       s.given_name as "givenName", s.family_name as "familyName", '' as "middleName", '' as identifier,
					       '' as email, '' as sms, '' as phone,
					       coalesce((select string_agg(l.guardian_id::text, ',') from directory.guardianship l where l.student_id = s.id), '')
					         as "agentSourcedIds", s.grade as grades, '' as password, '' as "metadata.language"
					from directory.student s
					union all
					select g.id::text, '', '', 'true',
					       coalesce((select e.school_id::text from directory.guardianship l join directory.enrolment e on e.student_id = l.student_id
					                 where l.guardian_id = g.id order by e.starts_on desc limit 1), 'district'),
					       'parent', 'g' || g.id, '', g.given_name, g.family_name, '', '',
					       coalesce((select c.value from directory.contact_point c where c.guardian_id = g.id and c.kind = 'EMAIL'
					                 order by c.position limit 1), ''), '',
					       coalesce((select c.value from directory.contact_point c where c.guardian_id = g.id and c.kind = 'PHONE'
					                 order by c.position limit 1), ''),
					       coalesce((select string_agg(l.student_id::text, ',') from directory.guardianship l where l.guardian_id = g.id), ''),
					       '', '', g.preferred_language
					from directory.guardian g
					union all
					select st.id::text, '', '', 'true',
					       coalesce((select string_agg(distinct a.school_id::text, ',') from directory.staff_assignment a where a.staff_id = st.id), 'district'),
					       case when exists (select 1 from directory.staff_assignment a where a.staff_id = st.id and a.role = 'SCHOOL_ADMIN')
					            then 'administrator' else 'teacher' end,
					       coalesce(st.email, 't' || st.id), '', st.given_name, st.family_name, '', '', coalesce(st.email, ''), '', '', '',
					       '', '', ''
					from directory.staff st""",
			"enrollments.csv", """
					select se.section_id || '-' || se.student_id || '-' || se.starts_on as "sourcedId", '' as status,
					       '' as "dateLastModified", se.section_id::text as "classSourcedId", x.school_id::text as "schoolSourcedId",
					       se.student_id::text as "userSourcedId", 'student' as role, 'false' as "primary",
					       se.starts_on::text as "beginDate", coalesce(se.ends_on::text, '') as "endDate"
					from directory.section_enrolment se join directory.section x on x.id = se.section_id
					union all
					select t.section_id || '-' || t.staff_id, '', '', t.section_id::text, x.school_id::text, t.staff_id::text,
					       'teacher', 'true', '', ''
					from directory.section_teacher t join directory.section x on x.id = t.section_id""",
			"demographics.csv", """
					select d.student_id::text as "sourcedId", '' as status, '' as "dateLastModified",
					       coalesce(s.birth_date::text, '') as "birthDate", coalesce(d.sex, '') as sex,
					       ('AmericanIndianOrAlaskaNative' = any(d.races))::text as "americanIndianOrAlaskaNative",
					       ('Asian' = any(d.races))::text as asian, ('BlackOrAfricanAmerican' = any(d.races))::text as "blackOrAfricanAmerican",
					       ('NativeHawaiianOrOtherPacificIslander' = any(d.races))::text as "nativeHawaiianOrOtherPacificIslander",
					       ('White' = any(d.races))::text as white, (cardinality(d.races) > 1)::text as "demographicRaceTwoOrMoreRaces",
					       coalesce(d.hispanic_or_latino::text, '') as "hispanicOrLatinoEthnicity"
					from directory.student_demographics d join directory.student s on s.id = d.student_id""");

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final RosterImports imports;

	private final ConfigurableApplicationContext context;

	private final Path folder;

	BenchRosterImport(DataSource dataSource, JdbcClient jdbc, RosterImports imports, ConfigurableApplicationContext context,
			Environment environment) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.imports = imports;
		this.context = context;
		this.folder = Path.of(environment.getRequiredProperty("bench.folder"));
	}

	@Override
	public void run(ApplicationArguments args) throws IOException, SQLException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("manifest.csv"), MANIFEST);
		// Fresh from the generator, the tables have no statistics yet, and the export's lookups
		// would be planned as if they were empty.
		jdbc.sql("analyze").update();
		try (Connection connection = dataSource.getConnection()) {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (var file : FILES.entrySet()) {
				try (OutputStream out = Files.newOutputStream(folder.resolve(file.getKey()))) {
					copy.copyOut("copy (" + file.getValue() + ") to stdout with (format csv, header)", out);
				}
			}
		}
		System.out.printf("wrote a OneRoster set to %s: students=%d guardians=%d enrollments=%d%n", folder,
				count("directory.student"), count("directory.guardian"), count("directory.section_enrolment"));
		jdbc.sql("""
				truncate directory.roster_import, directory.section_teacher, directory.section_enrolment, directory.section,
				  directory.course, directory.term, directory.school_year, directory.restriction_audit, directory.restriction,
				  directory.guardianship, directory.family_edit, directory.contact_point, directory.guardian,
				  directory.student_demographics, directory.enrolment, directory.student, directory.staff_assignment,
				  directory.staff, directory.school, directory.district cascade""").update();

		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		long started = System.nanoTime();
		UUID id = imports.importFolder("bench", folder, false, false);
		double seconds = (System.nanoTime() - started) / 1e9;
		long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		RosterImportView view = imports.find(id).orElseThrow();
		System.out.printf("import status=%s seconds=%.1f peak_heap_mb=%d max_heap_mb=%d%n", view.status(), seconds,
				peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
		System.out.println("import counts " + view.counts());
		view.errors().stream().limit(10).forEach(error -> System.out.println("import error " + error));
		long again = System.nanoTime();
		RosterImportView second = imports.find(imports.importFolder("bench", folder, false, false)).orElseThrow();
		System.out.printf("same files again: status=%s seconds=%.1f counts=%s%n", second.status(),
				(System.nanoTime() - again) / 1e9, second.counts());
		System.exit(SpringApplication.exit(context, () -> 0));
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}
