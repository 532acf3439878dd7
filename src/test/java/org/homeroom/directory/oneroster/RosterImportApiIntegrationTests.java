package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** District administrators import a OneRoster zip over the API and follow it to its outcome. */
@IntegrationTest
class RosterImportApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	private ImportApi api() {
		return new ImportApi(mvc);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ImportHeartbeat heartbeat;

	@BeforeEach
	@AfterEach
	void emptyDirectory() {
		RosterSet.clearDirectory(jdbc);
	}

	@Test
	void anUploadAnswersAtOnceWithAnIdThatLeadsToTheOutcome() throws Exception {
		String id = upload(RosterSet.riverside().zip(), "");

		String done = api().awaitOutcome(id);

		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");
		assertThat((Integer) JsonPath.read(done, "$.counts.students.added")).isEqualTo(12);
		assertThat((Boolean) JsonPath.read(done, "$.dryRun")).isFalse();
		assertThat((String) JsonPath.read(done, "$.startedBy")).isEqualTo("admin@district.test");
		mvc.perform(get("/api/v1/imports").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(id))
			.andExpect(jsonPath("$.items[0].status").value("COMPLETED"));
	}

	@Test
	void aDryRunOverTheApiChangesNothing() throws Exception {
		String done = api().awaitOutcome(upload(RosterSet.riverside().zip(), "true"));

		assertThat((Boolean) JsonPath.read(done, "$.dryRun")).isTrue();
		assertThat((Integer) JsonPath.read(done, "$.counts.students.added")).isEqualTo(12);
		assertThat(jdbc.sql("select count(*) from directory.student").query(Long.class).single()).isZero();
	}

	@Test
	void anImportLeftRunningByAStoppedServerIsShownAsInterruptedWhileOneThatIsAliveRunsOn() throws Exception {
		Instant now = Instant.now();
		String stopped = runningImport(now.minus(ImportHeartbeat.INTERRUPTED_AFTER).minusSeconds(1));
		String alive = runningImport(now.minusSeconds(5));

		heartbeat.sweep();

		mvc.perform(get("/api/v1/imports/" + stopped).with(admin()))
			.andExpect(jsonPath("$.status").value("REJECTED"))
			.andExpect(jsonPath("$.reason").value(containsString("interrupted")))
			.andExpect(jsonPath("$.finishedAt").isNotEmpty());
		mvc.perform(get("/api/v1/imports/" + alive).with(admin())).andExpect(jsonPath("$.status").value("RUNNING"));
	}

	/** An import as another node records it, with its last heartbeat. */
	private String runningImport(Instant heartbeat) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into directory.roster_import (id, started_at, heartbeat_at, status, dry_run, forced, source_name, started_by)
				values (cast(? as uuid), ?, ?, 'RUNNING', false, false, 'nightly.zip', 'admin@district.test')""")
			.params(id, Timestamp.from(heartbeat.minusSeconds(60)), Timestamp.from(heartbeat))
			.update();
		return id;
	}

	@Test
	void aRejectedImportListsItsErrorsWithFileLineAndColumn() throws Exception {
		byte[] broken = RosterSet.riverside()
			.replaceLine("enrollments.csv", "e-st03,", "e-st03,,,k-math7a,s1,st99,student,false,2026-08-20,2026-12-18")
			.zip();

		String done = api().awaitOutcome(upload(broken, ""));

		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("REJECTED");
		assertThat((String) JsonPath.read(done, "$.errors[0].file")).isEqualTo("enrollments.csv");
		assertThat((Integer) JsonPath.read(done, "$.errors[0].line")).isEqualTo(5);
		assertThat((String) JsonPath.read(done, "$.errors[0].column")).isEqualTo("userSourcedId");
		assertThat((String) JsonPath.read(done, "$.errors[0].code")).isEqualTo("imports.issue.unknown.user");
		assertThat((List<String>) JsonPath.read(done, "$.errors[0].arguments")).containsExactly("st99");
		assertThat((String) JsonPath.read(done, "$.errors[0].message"))
			.isEqualTo("\"st99\" names no user, in these files or in Homeroom");
	}

	@Test
	void aRepeatedWarningCountsItsRowsAndTheApiSpeaksEnglishWhateverTheCallersLanguage() throws Exception {
		byte[] trailingCommas = RosterSet.riverside().change("users.csv",
				lines -> lines.stream().map(line -> line.startsWith("st0") ? line + "," : line).toList()).zip();

		String id = upload(trailingCommas, "");
		api().awaitOutcome(id);
		String done = mvc.perform(get("/api/v1/imports/" + id).with(admin()).header("Accept-Language", "es"))
			.andReturn().getResponse().getContentAsString();

		String warning = "$.warnings[?(@.code == 'imports.issue.trailing-comma')]";
		assertThat((List<Integer>) JsonPath.read(done, warning + ".rows")).containsExactly(9);
		assertThat((List<Integer>) JsonPath.read(done, warning + ".line")).containsExactly(3);
		assertThat((List<String>) JsonPath.read(done, warning + ".message")).containsExactly(
				"ends in an empty field the header does not name (a trailing comma); ignored (9 rows, the first on this line)");
	}

	@Test
	void somethingThatIsNotAZipIsRejectedAndNoFileIsABadRequestNamingTheField() throws Exception {
		String done = api().awaitOutcome(api().upload("not a zip".getBytes(StandardCharsets.UTF_8), "riverside.zip"));
		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("REJECTED");
		assertThat((String) JsonPath.read(done, "$.reason")).contains("not a OneRoster zip");
		assertThat((String) JsonPath.read(done, "$.errors[0].code")).isEqualTo("imports.issue.not-a-zip");
		assertThat((String) JsonPath.read(done, "$.errors[0].message")).isEqualTo("is not a zip file, or holds nothing");

		mvc.perform(multipart("/api/v1/imports/oneroster").with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
	}

	@Test
	void importsAreForDistrictAdministratorsOnly() throws Exception {
		RequestPostProcessor principal = user("principal@district.test").roles("SCHOOL_ADMIN");
		mvc.perform(multipart("/api/v1/imports/oneroster").file(zipPart(RosterSet.riverside().zip())).with(principal))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/imports").with(principal)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/imports")).andExpect(status().isUnauthorized());
		assertThat(jdbc.sql("select count(*) from directory.roster_import").query(Long.class).single()).isZero();
	}

	private String upload(byte[] zip, String dryRun) throws Exception {
		var request = multipart("/api/v1/imports/oneroster").file(zipPart(zip)).with(admin());
		if (!dryRun.isEmpty()) {
			request.param("dryRun", dryRun);
		}
		String body = mvc.perform(request)
			.andExpect(status().isAccepted())
			.andExpect(header().exists("Location"))
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	private static MockMultipartFile zipPart(byte[] zip) {
		return new MockMultipartFile("file", "riverside.zip", "application/zip", zip);
	}

	private static RequestPostProcessor admin() {
		return user("admin@district.test").roles("DISTRICT_ADMIN");
	}
}
