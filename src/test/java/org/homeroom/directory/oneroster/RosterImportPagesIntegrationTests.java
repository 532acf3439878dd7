package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The import page: upload, the confirmation that forcing asks for, the result, and who may see it. */
@IntegrationTest
class RosterImportPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void emptyDirectory() {
		RosterSet.clearDirectory(jdbc);
	}

	@Test
	void anUploadLeadsToItsResultWithCountsAndTheHistoryListsIt() throws Exception {
		String location = mvc.perform(multipart("/admin/imports").file(zip(RosterSet.riverside().zip())).with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/admin/imports/");

		Document result = awaitResult(location);
		assertThat(result.select("#outcome .badge").text()).contains("Completed");
		assertThat(result.select("#outcome table th[scope=row]").eachText()).contains("Students", "Guardians", "Class enrolments");
		assertThat(result.select("#outcome tr:contains(Students) td").eachText()).containsExactly("12", "0", "0");

		Document history = page("/admin/imports");
		assertThat(history.select("table tbody tr")).hasSize(1);
		assertThat(history.select("table tbody tr").text()).contains("riverside.zip", "admin@district.test", "Completed");
	}

	@Test
	void noFileOrAForceWithoutConfirmationIsNamedBesideItsField() throws Exception {
		Document noFile = Jsoup.parse(mvc.perform(multipart("/admin/imports").with(admin()).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(noFile.select("#file-error").text()).isEqualTo("Choose the zip to import.");
		assertThat(noFile.select("#file").attr("aria-invalid")).isEqualTo("true");

		Document unconfirmed = Jsoup.parse(mvc.perform(multipart("/admin/imports").file(zip(RosterSet.riverside().zip()))
			.param("force", "true").with(admin()).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(unconfirmed.select("#confirmForce-error").text()).startsWith("Confirm that the deactivations are intended");
		assertThat(unconfirmed.select("label[for=force]").text())
			.isEqualTo("Import even if it deactivates more than " + RosterImporter.GUARD_PERCENT + "% of students or guardians");
		assertThat(jdbc.sql("select count(*) from directory.roster_import").query(Long.class).single()).isZero();
	}

	@Test
	void aRejectedImportShowsItsErrorsByFileLineAndColumn() throws Exception {
		byte[] broken = RosterSet.riverside()
			.replaceLine("enrollments.csv", "e-st04,", "e-st04,,,k-math7a,s1,st04,student,false,1/05/2023,2026-12-18").zip();
		String location = mvc.perform(multipart("/admin/imports").file(zip(broken)).with(admin()).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();

		Document result = awaitResult(location);

		assertThat(result.select("#outcome .alert--error").text()).contains("The import was refused and nothing was changed.",
				"The files have errors, listed below.");
		// The value the files hold is isolated (U+2068 … U+2069), as <bdi> would, in any language.
		assertThat(result.select("#errors-title + .table-wrap tbody tr td").eachText())
			.containsExactly("enrollments.csv", "6", "beginDate", "\"\u20681/05/2023\u2069\" is not a date (YYYY-MM-DD)");
		assertThat(page(location + "?lang=es").select("#outcome .alert--error").text())
			.contains("La importación se rechazó", "Los archivos tienen errores");
	}

	@Test
	void aSpanishReaderReadsEachIssueInSpanish() throws Exception {
		byte[] broken = RosterSet.riverside()
			.replaceLine("enrollments.csv", "e-st03,", "e-st03,,,k-nowhere,s1,st03,student,false,2026-08-20,2026-12-18")
			.change("classes.csv", lines -> List.of(lines.get(0) + ",vendorRoom", lines.get(1) + ",R12"))
			.zip();
		String location = mvc.perform(multipart("/admin/imports").file(zip(broken)).with(admin()).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();
		awaitResult(location);

		Document spanish = page(location + "?lang=es");

		assertThat(spanish.select("#errors-title + .table-wrap tbody tr td").eachText()).containsExactly("enrollments.csv",
				"5", "classSourcedId",
				"\"\u2068k-nowhere\u2069\" no corresponde a ninguna clase, ni en estos archivos ni en Homeroom");
		assertThat(spanish.select("#warnings-title + .table-wrap tbody td.cell--text").eachText())
			.contains("no es una columna de OneRoster; no se lee");
		assertThat(spanish.select("#outcome td.cell--text bdi")).as("no issue is shown as English data").isEmpty();
	}

	@Test
	void anImportRecordedBeforeIssuesHadCodesShowsItsEnglishWordsAsTheyAre() throws Exception {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into directory.roster_import (id, started_at, heartbeat_at, finished_at, status, dry_run, forced, source_name,
				                                     started_by, errors, reason)
				values (cast(? as uuid), now(), now(), now(), 'REJECTED', false, false, 'nightly.zip', 'admin@district.test',
				        cast(? as jsonb), 'The files have errors; nothing was changed')""")
			.params(id, """
					[{"file": "users.csv", "line": 4, "column": "role", "message": "no role: neither users.csv nor roles.csv gives one"}]""")
			.update();

		Document spanish = page("/admin/imports/" + id + "?lang=es");

		assertThat(spanish.select("#errors-title + .table-wrap tbody td.cell--text bdi[dir=ltr][lang=en]").text())
			.isEqualTo("no role: neither users.csv nor roles.csv gives one");
	}

	@Test
	void anInterruptedImportSaysSoInTheReadersLanguage() throws Exception {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into directory.roster_import (id, started_at, heartbeat_at, finished_at, status, dry_run, forced, source_name,
				                                     started_by, reason)
				values (cast(? as uuid), now(), now(), now(), 'REJECTED', false, false, 'nightly.zip', 'admin@district.test',
				        'The import was interrupted')""")
			.param(id).update();

		assertThat(page("/admin/imports/" + id + "?lang=es").select("#outcome .alert--error").text())
			.contains("La importación no terminó");
	}

	@Test
	void thePageIsForDistrictAdministratorsOnly() throws Exception {
		mvc.perform(get("/admin/imports").with(user("principal@district.test").roles("SCHOOL_ADMIN")))
			.andExpect(status().isForbidden());
		assertThat(page("/admin").select("a[href=/admin/imports]")).isNotEmpty();
	}

	@Test
	void aRunningImportShowsHowFarItHasGot() throws Exception {
		UUID id = RosterSet.runningImport(jdbc, RosterImporter.Phase.STUDENTS.name());

		Document running = page("/admin/imports/" + id);

		assertThat(running.select("#import-progress").text()).isEqualTo("Step 4 of 9: Bringing in students");
		assertThat(running.select("progress").attr("value")).isEqualTo("4");
		assertThat(running.select("progress").attr("max")).isEqualTo("9");
		assertThat(running.select("#outcome").attr("hx-get")).isEqualTo("/admin/imports/" + id + "/outcome");
	}

	private Document awaitResult(String location) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		Document result = page(location);
		while (!result.select("#outcome[hx-get]").isEmpty() && Instant.now().isBefore(until)) {
			Thread.sleep(200);
			result = page(location);
		}
		return result;
	}

	private Document page(String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(admin())).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	private static MockMultipartFile zip(byte[] bytes) {
		return new MockMultipartFile("file", "riverside.zip", "application/zip", bytes);
	}

	private static RequestPostProcessor admin() {
		return user("admin@district.test").roles("DISTRICT_ADMIN");
	}
}
