package org.homeroom.messaging.reach;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.BenchApplication;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Times the reach report as the page asks for it, over the last 30 days, for a district
 * administrator: the whole district (both tables), then each school; median and slowest of three.
 * {@code bench/reach-report.sh} runs it on a generated district with announcements added.
 */
class BenchReachReport implements ApplicationRunner {

	public static void main(String[] args) {
		BenchApplication.run(BenchReachReport.class, args);
	}

	private final ReachReports reports;

	private final Directory directory;

	private final ConfigurableApplicationContext context;

	BenchReachReport(ReachReports reports, Directory directory, ConfigurableApplicationContext context) {
		this.reports = reports;
		this.directory = directory;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		Viewer administrator = Viewer.districtAdministrator();
		ReachReport district = time("whole district", administrator, null);
		System.out.printf("guardians=%d reached=%d in_their_language=%d untranslated=%d not_reached=%d schools=%d%n",
				district.total().guardians(), district.total().reached(), district.total().inTheirLanguage(),
				district.total().version("UNTRANSLATED"), district.total().notReached(), district.schools().size());
		directory.schools().forEach(school -> time(school.name(), administrator, school.id()));
		System.exit(SpringApplication.exit(context, () -> 0));
	}

	private ReachReport time(String what, Viewer viewer, UUID school) {
		long[] millis = new long[3];
		ReachReport report = null;
		for (int i = 0; i < millis.length; i++) {
			long started = System.nanoTime();
			report = reports.report(viewer, 30, school, Locale.ENGLISH);
			millis[i] = (System.nanoTime() - started) / 1_000_000;
		}
		Arrays.sort(millis);
		System.out.printf("reach report, last 30 days, %s: median_ms=%d max_ms=%d%n", what, millis[1], millis[2]);
		return report;
	}
}
