package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.homeroom.IntegrationTest;
import org.homeroom.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real exports written by others ({@code ../shared/data}, each with its SOURCE.txt) give the
 * outcome that {@code oneroster/expected-outcomes.csv} states and justifies: imported, with these
 * warnings and counts (and again with no change), or rejected for these defects. The folder is
 * found by {@code -Dhomeroom.shared.data} or {@code HOMEROOM_SHARED_DATA}, else
 * {@code ../shared/data} beside the project; without it the tests are skipped, and fail in CI.
 */
@IntegrationTest
class OneRosterConformanceIntegrationTests {

	@Autowired
	RosterImports imports;

	@Autowired
	JdbcClient jdbc;

	record Expected(String sample, String outcome, Map<String, Long> added, List<String> warnings, List<String> errors,
			String justification) {

		@Override
		public String toString() {
			return sample + " → " + outcome;
		}
	}

	static Stream<Expected> outcomes() throws IOException {
		var resource = OneRosterConformanceIntegrationTests.class.getResourceAsStream("/oneroster/expected-outcomes.csv");
		try (CSVParser rows = CSVParser.parse(new InputStreamReader(resource, StandardCharsets.UTF_8),
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			return rows.stream().map(row -> {
				Map<String, Long> added = new LinkedHashMap<>();
				Arrays.stream(row.get("counts").split(" ")).filter(count -> !count.isBlank()).forEach(count -> {
					String[] kindAndNumber = count.split(":");
					added.put(kindAndNumber[0], Long.parseLong(kindAndNumber[1]));
				});
				return new Expected(row.get("sample"), row.get("outcome"), added, list(row.get("warnings")),
						list(row.get("errors")), row.get("justification"));
			}).toList().stream();
		}
	}

	static Path sharedData() {
		String configured = System.getProperty("homeroom.shared.data", System.getenv("HOMEROOM_SHARED_DATA"));
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("homeroom.project.dir", ".")).resolve("../shared/data").normalize();
	}

	@BeforeEach
	@AfterEach
	void emptyDirectory() {
		RosterSet.clearDirectory(jdbc);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("outcomes")
	void aRealExportGivesTheOutcomeItsSourceJustifies(Expected expected) {
		Path folder = sharedData().resolve(expected.sample());
		Prerequisites.require(Files.isDirectory(folder), "The OneRoster sample " + folder);
		assertThat(expected.justification()).startsWith("SOURCE.txt: ");

		RosterImportView view = run(folder);

		assertThat(view.status()).as(view.errors().toString()).isEqualTo(expected.outcome());
		// A repeated warning ends with how many rows it covers; the table names where it begins.
		expected.warnings().forEach(warning -> assertThat(view.warnings()).extracting(Issue::toString)
			.anySatisfy(found -> assertThat(found).startsWith(warning)));
		expected.errors().forEach(error -> assertThat(view.errors()).extracting(Issue::toString)
			.anySatisfy(found -> assertThat(found).startsWith(error)));
		if (expected.outcome().equals("COMPLETED")) {
			assertThat(view.errors()).isEmpty();
			Map<String, Long> added = new LinkedHashMap<>();
			view.counts().forEach((kind, counts) -> added.put(kind, counts.added()));
			assertThat(added).isEqualTo(expected.added());
			assertThat(run(folder).counts()).as("the same files imported again").isEmpty();
		}
		else {
			assertThat(jdbc.sql("select count(*) from directory.school").query(Long.class).single()).isZero();
		}
	}

	private RosterImportView run(Path folder) {
		UUID id = imports.importFolder("conformance", folder, false, false);
		return imports.find(id).orElseThrow();
	}

	private static List<String> list(String value) {
		return value.isBlank() ? List.of() : Arrays.stream(value.split(" \\| ")).map(String::strip).toList();
	}
}
