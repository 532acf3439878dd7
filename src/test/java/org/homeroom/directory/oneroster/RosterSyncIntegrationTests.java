package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The scheduled sync: each zip dropped in the folder is imported once, whatever its name, and
 * the district administrators hear by e-mail, in their language, of what it could not import.
 * The runs are started here rather than waited for; the scheduler's own ticks find the same
 * state and change nothing.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>",
		"homeroom.accounts.public-url=https://homeroom.riverside.example/" })
class RosterSyncIntegrationTests {

	static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withPerMethodLifecycle(true);

	@DynamicPropertySource
	static void mailPort(DynamicPropertyRegistry properties) {
		properties.add("homeroom.mail.port", () -> SMTP_PORT);
	}

	private static final Authentication ADMIN = new TestingAuthenticationToken("admin@district.test", null,
			"ROLE_DISTRICT_ADMIN");

	private static final RequestPostProcessor ADMIN_USER = user("admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	RosterSync sync;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@TempDir
	Path drop;

	@BeforeEach
	void districtAdministrators() {
		RosterSet.clearDirectory(jdbc);
		account("english.admin@district.test", "en", true, null);
		account("spanish.admin@district.test", "es", true, null);
		account("former.admin@district.test", "en", false, null);
		account("school.admin@district.test", "en", true, UUID.randomUUID());
	}

	@AfterEach
	void syncOff() {
		jdbc.sql("update directory.roster_sync set folder = null, enabled = false, last_run_at = null, last_problem = null")
			.update();
		jdbc.sql("delete from accounts.account where username like '%@district.test'").update();
		RosterSet.clearDirectory(jdbc);
	}

	@Test
	void aZipInTheDropFolderIsImportedOnceHoweverOftenTheSyncRuns() throws IOException {
		settled(drop.resolve("riverside-2026-12-01.zip"), RosterSet.riverside().zip());
		sync.change(ADMIN, drop.toString(), 60, true);

		sync.runNow();
		sync.runNow();

		assertThat(jdbc.sql("select status || ' ' || source_name || ' ' || started_by from directory.roster_import")
			.query(String.class).list())
			.containsExactly("COMPLETED riverside-2026-12-01.zip scheduled sync");
		assertThat(jdbc.sql("select count(*) from directory.student where active").query(Long.class).single())
			.isEqualTo(RosterSet.STUDENTS);
		assertThat(jdbc.sql("select file_name from directory.roster_sync_file").query(String.class).list())
			.containsExactly("riverside-2026-12-01.zip");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void theSameContentUnderAnotherNameIsNotImportedAgainButAChangedExportIs() throws IOException {
		byte[] riverside = RosterSet.riverside().zip();
		settled(drop.resolve("monday.zip"), riverside);
		sync.change(ADMIN, drop.toString(), 60, true);
		sync.runNow();

		settled(drop.resolve("tuesday.zip"), riverside);
		sync.runNow();
		assertThat(imports()).isEqualTo(1);

		settled(drop.resolve("wednesday.zip"), RosterSet.riverside()
			.replaceLine("users.csv", "st03,", "st03,,,true,s1,student,st03,,Renamed03,Family03,,,,,,g03,07,,")
			.zip());
		sync.runNow();

		assertThat(jdbc.sql("select source_name || ' ' || status from directory.roster_import order by started_at")
			.query(String.class).list())
			.containsExactly("monday.zip COMPLETED", "wednesday.zip COMPLETED");
		assertThat(jdbc.sql("select given_name from directory.student where source_id = 'st03'").query(String.class)
			.single()).isEqualTo("Renamed03");
	}

	@Test
	void aBrokenZipIsRejectedOnceAndEveryDistrictAdministratorIsToldInTheirLanguage() throws Exception {
		settled(drop.resolve("broken.zip"), "this is not a zip".getBytes(StandardCharsets.UTF_8));
		sync.change(ADMIN, drop.toString(), 60, true);

		sync.runNow();
		sync.runNow();

		List<String> rejected = jdbc.sql("select id::text from directory.roster_import where status = 'REJECTED'")
			.query(String.class).list();
		assertThat(rejected).hasSize(1);
		assertThat(imports()).isEqualTo(1);
		assertThat(jdbc.sql("select file_name from directory.roster_sync_file").query(String.class).list())
			.containsExactly("broken.zip");

		MimeMessage english = mailTo("english.admin@district.test");
		assertThat(english.getSubject()).isEqualTo("Homeroom: the scheduled roster import needs your attention");
		assertThat(body(english)).contains("refused the file broken.zip",
				"https://homeroom.riverside.example/admin/imports/" + rejected.get(0));
		MimeMessage spanish = mailTo("spanish.admin@district.test");
		assertThat(spanish.getSubject()).isEqualTo("Homeroom: la importación programada de listas necesita su atención");
		assertThat(body(spanish)).contains("rechazó el archivo broken.zip");
		assertThat(recipients()).containsExactlyInAnyOrder("english.admin@district.test", "spanish.admin@district.test");
	}

	@Test
	void anImportStoppedByTheDeactivationGuardAsksTheAdministratorsToConfirmIt() throws Exception {
		sync.change(ADMIN, drop.toString(), 60, true);
		settled(drop.resolve("full.zip"), RosterSet.riverside().zip());
		sync.runNow();
		settled(drop.resolve("smaller.zip"), RosterSet.riverside()
			.removeLines("users.csv", "st11,", "st12,")
			.removeLines("enrollments.csv", "e-st11,", "e-st12,")
			.removeLines("demographics.csv", "st11,", "st12,")
			.zip());

		sync.runNow();

		assertThat(jdbc.sql("select source_name || ' ' || status from directory.roster_import order by started_at")
			.query(String.class).list())
			.containsExactly("full.zip COMPLETED", "smaller.zip REJECTED");
		assertThat(jdbc.sql("select count(*) from directory.student where active").query(Long.class).single())
			.isEqualTo(RosterSet.STUDENTS);
		assertThat(body(mailTo("english.admin@district.test"))).contains("stopped before importing smaller.zip",
				"more than " + RosterImporter.GUARD_PERCENT + "% of the students", "confirm the large deactivation");
	}

	@Test
	void aMissingFolderIsAFailureTheAdministratorsAreToldOfOnce() throws Exception {
		sync.change(ADMIN, drop.toString(), 60, true);
		Files.delete(drop);

		sync.runNow();
		sync.runNow();

		assertThat(jdbc.sql("select last_problem from directory.roster_sync").query(String.class).single())
			.isEqualTo("imports.sync.problem.folder");
		assertThat(body(mailTo("english.admin@district.test"))).contains("could not read its drop folder " + drop,
				"https://homeroom.riverside.example/admin/imports");
		Thread.sleep(500);
		assertThat(recipients()).containsExactlyInAnyOrder("english.admin@district.test", "spanish.admin@district.test");

		Files.createDirectory(drop);
		sync.runNow();
		assertThat(jdbc.sql("select last_problem is null from directory.roster_sync").query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void aFolderOfUnzippedFilesIsImportedOnceAndAChangeToOneOfItsFilesIsImportedAgain() throws IOException {
		Path set = settledFolder(RosterSet.riverside().writeTo(drop.resolve("export-2026-12-01")));
		Files.createDirectory(drop.resolve("not-a-set"));
		sync.change(ADMIN, drop.toString(), 60, true);

		sync.runNow();
		sync.runNow();

		assertThat(jdbc.sql("select status || ' ' || source_name from directory.roster_import").query(String.class).list())
			.containsExactly("COMPLETED export-2026-12-01");
		assertThat(jdbc.sql("select count(*) from directory.student where active").query(Long.class).single())
			.isEqualTo(RosterSet.STUDENTS);

		RosterSet.riverside()
			.replaceLine("users.csv", "st03,", "st03,,,true,s1,student,st03,,Renamed03,Family03,,,,,,g03,07,,")
			.writeTo(set);
		settledFolder(set);
		sync.runNow();

		assertThat(imports()).isEqualTo(2);
		assertThat(jdbc.sql("select given_name from directory.student where source_id = 'st03'").query(String.class)
			.single()).isEqualTo("Renamed03");
	}

	@Test
	void aFolderWhoseFilesAreStillBeingWrittenWaitsForALaterRun() throws IOException {
		Path set = settledFolder(RosterSet.riverside().writeTo(drop.resolve("arriving")));
		Files.writeString(set.resolve("users.csv"), RosterSet.USERS_HEADER + "\n");
		sync.change(ADMIN, drop.toString(), 60, true);

		sync.runNow();

		assertThat(imports()).isZero();
	}

	@Test
	void anImportThatFailsForNoFaultOfTheFileIsTriedAgainAtTheNextLook() throws IOException {
		settled(drop.resolve("monday.zip"), RosterSet.riverside().zip());
		sync.change(ADMIN, drop.toString(), 60, true);
		databaseRefusesStudents(true);
		try {
			sync.runNow();
		}
		finally {
			databaseRefusesStudents(false);
		}
		assertThat(jdbc.sql("select file_name from directory.roster_sync_file").query(String.class).list()).isEmpty();

		sync.runNow();

		assertThat(jdbc.sql("select status from directory.roster_import order by started_at").query(String.class).list())
			.containsExactly("REJECTED", "COMPLETED");
		assertThat(jdbc.sql("select count(*) from directory.student where active").query(Long.class).single())
			.isEqualTo(RosterSet.STUDENTS);
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void anImportThatKeepsFailingIsGivenUpAtTheThirdTryAndTheAdministratorsAreTold() throws Exception {
		settled(drop.resolve("monday.zip"), RosterSet.riverside().zip());
		sync.change(ADMIN, drop.toString(), 60, true);
		databaseRefusesStudents(true);
		try {
			sync.runNow();
			sync.runNow();
			assertThat(imports()).isEqualTo(2);
			assertThat(smtp.getReceivedMessages()).isEmpty();

			sync.runNow();
			sync.runNow();
		}
		finally {
			databaseRefusesStudents(false);
		}

		assertThat(imports()).isEqualTo(RosterSync.TRIES);
		assertThat(jdbc.sql("select file_name from directory.roster_sync_file").query(String.class).list())
			.containsExactly("monday.zip");
		assertThat(body(mailTo("english.admin@district.test")))
			.contains("tried to import monday.zip 3 times", "will not be tried again");
		assertThat(body(mailTo("spanish.admin@district.test"))).contains("intentó importar monday.zip 3 veces");
	}

	@Test
	void aZipStillBeingWrittenWaitsForALaterRun() throws IOException {
		Files.write(drop.resolve("arriving.zip"), RosterSet.riverside().zip());
		sync.change(ADMIN, drop.toString(), 60, true);

		sync.runNow();

		assertThat(imports()).isZero();
	}

	@Test
	void aDueRunHappensOncePerIntervalAndNotAtAllWhenTheSyncIsOff() throws IOException {
		settled(drop.resolve("monday.zip"), RosterSet.riverside().zip());
		sync.change(ADMIN, drop.toString(), 60, false);
		sync.runIfDue();
		assertThat(imports()).isZero();

		sync.change(ADMIN, drop.toString(), 60, true);
		sync.runIfDue();
		assertThat(imports()).isEqualTo(1);

		settled(drop.resolve("tuesday.zip"), RosterSet.riverside()
			.replaceLine("users.csv", "st03,", "st03,,,true,s1,student,st03,,Renamed03,Family03,,,,,,g03,07,,")
			.zip());
		sync.runIfDue();
		assertThat(imports()).isEqualTo(1);

		jdbc.sql("update directory.roster_sync set last_run_at = last_run_at - interval '61 minutes'").update();
		sync.runIfDue();
		assertThat(imports()).isEqualTo(2);
	}

	@Test
	void anAdministratorAsksForALookNowAndTheNextTurnImportsWithoutWaitingForTheInterval() throws Exception {
		sync.change(ADMIN, drop.toString(), 1440, true);
		sync.runIfDue();
		settled(drop.resolve("monday.zip"), RosterSet.riverside().zip());
		sync.runIfDue();
		assertThat(imports()).as("not due for a day").isZero();

		mvc.perform(post("/admin/imports/sync/run").with(ADMIN_USER).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("syncRequested", true));
		sync.runIfDue();
		assertThat(imports()).isEqualTo(1);

		sync.change(ADMIN, drop.toString(), 1440, false);
		mvc.perform(post("/admin/imports/sync/run").with(ADMIN_USER).with(csrf()))
			.andExpect(flash().attribute("syncOff", true));
		mvc.perform(post("/admin/imports/sync/run").with(user("teacher@district.test").roles("TEACHER")).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void theSchedulerKeepsTheSyncsRecurringTask() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
			.sql("select count(*) from platform.scheduled_tasks where task_name = ?")
			.param(RosterSyncTask.NAME)
			.query(Long.class)
			.single()).isEqualTo(1));
	}

	@Test
	void theFormNamesEachFieldsProblemAndSavesWhatIsValid() throws Exception {
		Document relative = postSettings("srv/oneroster", "60", true);
		assertThat(relative.select("#folder-error").text()).isEqualTo(
				"Write the full path, from the root of the server (for example /srv/oneroster).");
		assertThat(relative.select("#folder").attr("aria-invalid")).isEqualTo("true");

		Document missing = postSettings(drop.resolve("nowhere").toString(), "3", true);
		assertThat(missing.select("#folder-error").text()).isEqualTo("This folder does not exist, or Homeroom cannot read it.");
		assertThat(missing.select("#everyMinutes-error").text())
			.isEqualTo("Write a whole number of minutes from 5 to 10,080 (a week).");

		Document noFolder = postSettings("", "sixty", true);
		assertThat(noFolder.select("#folder-error").text())
			.isEqualTo("Name the folder to look in, or turn the scheduled sync off.");
		assertThat(noFolder.select("#everyMinutes-error").text()).startsWith("Write a whole number of minutes");
		assertThat(jdbc.sql("select enabled from directory.roster_sync").query(Boolean.class).single()).isFalse();

		mvc.perform(post("/admin/imports/sync").param("folder", drop.toString()).param("everyMinutes", "1440")
			.param("enabled", "on").with(ADMIN_USER).with(csrf()))
			.andExpect(redirectedUrl("/admin/imports"));
		assertThat(jdbc.sql("select folder || ' ' || every_minutes || ' ' || enabled || ' ' || updated_by from directory.roster_sync")
			.query(String.class).single())
			.isEqualTo(drop + " 1440 true admin@district.test");

		Document page = Jsoup.parse(mvc.perform(get("/admin/imports").with(ADMIN_USER))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select("#folder").val()).isEqualTo(drop.toString());
		assertThat(page.select("#everyMinutes").val()).isEqualTo("1440");
		assertThat(page.select("#enabled").hasAttr("checked")).isTrue();
		assertThat(page.select("#sync dl").text()).contains("Last looked", "Next look");
	}

	@Test
	void onlyDistrictAdministratorsChangeTheSync() throws Exception {
		mvc.perform(post("/admin/imports/sync").param("folder", drop.toString()).param("everyMinutes", "60")
			.param("enabled", "on").with(user("teacher@district.test").roles("TEACHER")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select enabled from directory.roster_sync").query(Boolean.class).single()).isFalse();
	}

	private Document postSettings(String folder, String everyMinutes, boolean enabled) throws Exception {
		var request = post("/admin/imports/sync").param("folder", folder).param("everyMinutes", everyMinutes);
		if (enabled) {
			request.param("enabled", "on");
		}
		return Jsoup.parse(mvc.perform(request.with(ADMIN_USER).with(csrf()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	private long imports() {
		return jdbc.sql("select count(*) from directory.roster_import").query(Long.class).single();
	}

	/** A zip the SIS finished writing a while ago. */
	private static void settled(Path file, byte[] content) throws IOException {
		Files.write(file, content);
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
	}

	/**
	 * A database in trouble, as far as the import can tell: every insert of a student fails, which
	 * no file can cause or correct.
	 */
	private void databaseRefusesStudents(boolean refuses) {
		if (refuses) {
			jdbc.sql("""
					create function directory.refuse_students() returns trigger language plpgsql
					as $$ begin raise exception 'could not extend file: No space left on device'; end $$""").update();
			jdbc.sql("""
					create trigger refuse_students before insert on directory.student
					for each statement execute function directory.refuse_students()""").update();
		}
		else {
			jdbc.sql("drop trigger refuse_students on directory.student").update();
			jdbc.sql("drop function directory.refuse_students()").update();
		}
	}

	/** A folder of files the SIS finished writing a while ago. */
	private static Path settledFolder(Path folder) throws IOException {
		FileTime before = FileTime.from(Instant.now().minus(Duration.ofMinutes(5)));
		try (var files = Files.list(folder)) {
			for (Path file : files.toList()) {
				Files.setLastModifiedTime(file, before);
			}
		}
		Files.setLastModifiedTime(folder, before);
		return folder;
	}

	private void account(String email, String language, boolean active, UUID school) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into accounts.account (id, username, display_name, preferred_language, active, created_at)
				values (?, ?, ?, ?, ?, now())""")
			.params(id, email, email.substring(0, email.indexOf('.')), language, active)
			.update();
		jdbc.sql("insert into accounts.role_grant (account_id, role) values (?, ?)")
			.params(id, school == null ? "DISTRICT_ADMIN" : "SCHOOL_ADMIN")
			.update();
	}

	private MimeMessage mailTo(String address) {
		return await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.stream(smtp.getReceivedMessages())
			.filter(message -> recipientsOf(message).contains(address))
			.findFirst()
			.orElse(null), found -> found != null);
	}

	private List<String> recipients() {
		return Arrays.stream(smtp.getReceivedMessages()).flatMap(message -> recipientsOf(message).stream()).toList();
	}

	private static List<String> recipientsOf(MimeMessage message) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(MimeMessage message) throws IOException, MessagingException {
		return (String) message.getContent();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
