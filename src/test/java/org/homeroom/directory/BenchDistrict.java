package org.homeroom.directory;

import org.homeroom.BenchApplication;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the database with a generated district of {@code bench.students} students, times a few
 * searches and exits; {@code bench/generate-district.sh} runs it against an external PostgreSQL.
 * {@code bench.classes-per-student} and {@code bench.siblings} change the district's
 * {@linkplain DistrictGenerator.Shape shape} from the typical one. A test source, so that no
 * property can make the production jar fill a database with a made-up district.
 */
class BenchDistrict implements ApplicationRunner {

	public static void main(String[] args) {
		BenchApplication.run(BenchDistrict.class, args);
	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Directory directory;

	private final DistrictClock clock;

	private final ConfigurableApplicationContext context;

	private final int students;

	private final DistrictGenerator.Shape shape;

	BenchDistrict(JdbcTemplate jdbc, TransactionTemplate transaction, Directory directory, DistrictClock clock,
			ConfigurableApplicationContext context,
			org.springframework.core.env.Environment environment) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.directory = directory;
		this.clock = clock;
		this.context = context;
		this.students = environment.getRequiredProperty("bench.students", Integer.class);
		this.shape = new DistrictGenerator.Shape(
				environment.getProperty("bench.classes-per-student", Integer.class,
						DistrictGenerator.Shape.TYPICAL.classesPerStudent()),
				environment.getProperty("bench.siblings", Boolean.class,
						DistrictGenerator.Shape.TYPICAL.siblings()));
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		transaction.executeWithoutResult(status -> new DistrictGenerator(jdbc, System.nanoTime(), clock.today())
			.generate(students, java.util.List.of(), shape));
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("generated students=%d guardians=%d section_enrolments=%d seconds=%.1f%n",
				count("directory.student"), count("directory.guardian"), count("directory.section_enrolment"), millis / 1000.0);
		// Searches through the access policy, as the student search page and API run them.
		timeSearch("district admin", Viewer.districtAdministrator());
		timeSearch("counsellor (one school)", Viewer.staff(anyStaff("COUNSELOR")));
		timeSearch("teacher (own classes)", Viewer.staff(anyStaff("TEACHER")));
		System.exit(SpringApplication.exit(context, () -> 0));
	}

	private void timeSearch(String who, Viewer viewer) {
		long[] millis = new long[7];
		for (int i = 0; i < millis.length; i++) {
			long started = System.nanoTime();
			transaction.executeWithoutResult(status -> {
				directory.searchStudents(viewer, "bench", "bench", new StudentSearch.Criteria(null, null, "gar", 0));
				status.setRollbackOnly();
			});
			millis[i] = (System.nanoTime() - started) / 1_000_000;
		}
		java.util.Arrays.sort(millis);
		System.out.printf("search q=gar as %s: median_ms=%d max_ms=%d%n", who, millis[millis.length / 2], millis[millis.length - 1]);
	}

	private java.util.UUID anyStaff(String role) {
		return jdbc.queryForObject("select staff_id from directory.staff_assignment where role = ? order by staff_id limit 1",
				java.util.UUID.class, role);
	}

	private long count(String table) {
		return jdbc.queryForObject("select count(*) from " + table, Long.class);
	}
}
