package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.jayway.jsonpath.JsonPath;
import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Files that would take an import down rather than be refused by it: a zip bomb, a record of
 * megabytes, a file that is not UTF-8, and an error of the JVM midway. Each ends the import
 * REJECTED, says why, and leaves nothing on the disk. The unpacked limit is set to 4 MB here, so
 * that a bomb of 64 MB proves it in a moment.
 */
@IntegrationTest(properties = "homeroom.directory.oneroster.max-unpacked-size=4MB")
class RosterImportHostileFilesIntegrationTests {

	/** Where the imports of this context unpack, so that what they leave behind can be seen. */
	static final Path WORK = createWorkDirectory();

	@DynamicPropertySource
	static void workDirectory(DynamicPropertyRegistry properties) {
		properties.add("homeroom.directory.oneroster.work-directory", WORK::toString);
	}

	@Autowired
	MockMvc mvc;

	private ImportApi api() {
		return new ImportApi(mvc);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RosterImports imports;

	@Autowired
	RosterSync sync;

	@MockitoSpyBean
	RosterImporter importer;

	@TempDir
	Path temp;

	@BeforeEach
	@AfterEach
	void emptyDirectory() {
		RosterSet.clearDirectory(jdbc);
		jdbc.sql("update directory.roster_sync set folder = null, enabled = false, last_run_at = null, last_problem = null")
			.update();
		jdbc.sql("truncate directory.roster_sync_file, directory.roster_sync_failure").update();
	}

	@Test
	void aZipBombUploadedIsRejectedNamingTheFileAndTheLimitAndLeavesNothingOnTheDisk() throws Exception {
		String done = api().awaitOutcome(api().upload(zipBomb(), "bomb.zip"));

		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("REJECTED");
		assertThat((String) JsonPath.read(done, "$.errors[0].code")).isEqualTo("imports.issue.unpacked-too-large");
		assertThat((String) JsonPath.read(done, "$.errors[0].file")).isEqualTo("users.csv");
		assertThat((String) JsonPath.read(done, "$.errors[0].message"))
			.startsWith("unpacking bomb.zip stopped here: its files would take more than 4 MB");
		assertThat((String) JsonPath.read(done, "$.reason")).contains("users.csv", "bomb.zip", "4 MB",
				"Nothing was changed");
		assertThat(count("select count(*) from directory.student")).isZero();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftInWork()).isEmpty());
	}

	@Test
	void aZipBombInTheDropFolderIsRejectedOnceAndLeavesNothingOnTheDisk() throws IOException {
		Path drop = Files.createDirectory(temp.resolve("drop"));
		Path bomb = drop.resolve("nightly.zip");
		Files.write(bomb, zipBomb());
		Files.setLastModifiedTime(bomb, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
		sync.change(new TestingAuthenticationToken("admin@district.test", null, "ROLE_DISTRICT_ADMIN"),
				drop.toString(), 60, true);

		sync.runNow();
		sync.runNow();

		RosterImportView outcome = imports.find(jdbc.sql("select id from directory.roster_import")
			.query(UUID.class).single()).orElseThrow();
		assertThat(outcome.status()).isEqualTo("REJECTED");
		assertThat(outcome.errors()).extracting(Issue::code).containsExactly("imports.issue.unpacked-too-large");
		assertThat(outcome.reason()).contains("users.csv", "nightly.zip", "4 MB");
		assertThat(jdbc.sql("select file_name from directory.roster_sync_file").query(String.class).list())
			.containsExactly("nightly.zip");
		assertThat(leftInWork()).isEmpty();
	}

	@Test
	void anUnzippedSetInTheDropFolderPastTheLimitIsRejectedUnreadAndUncopied() throws IOException {
		Path drop = Files.createDirectory(temp.resolve("drop"));
		Path set = RosterSet.riverside().writeTo(drop.resolve("export"));
		try (var users = Files.newBufferedWriter(set.resolve("users.csv"), StandardCharsets.UTF_8)) {
			users.write(RosterSet.USERS_HEADER + "\n");
			for (long written = 0; written < 5L << 20; written += 64) {
				users.write(RosterSet.student("01") + "\n");
			}
		}
		try (Stream<Path> files = Files.list(set)) {
			for (Path file : Stream.concat(files, Stream.of(set)).toList()) {
				Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
			}
		}
		sync.change(new TestingAuthenticationToken("admin@district.test", null, "ROLE_DISTRICT_ADMIN"),
				drop.toString(), 60, true);

		sync.runNow();

		RosterImportView outcome = imports.find(jdbc.sql("select id from directory.roster_import")
			.query(UUID.class).single()).orElseThrow();
		assertThat(outcome.status()).isEqualTo("REJECTED");
		assertThat(outcome.errors()).extracting(Issue::toString).containsExactly("users.csv: the files of export pass"
				+ " 4 MB with this one, the most one import may read (homeroom.directory.oneroster.max-unpacked-size);"
				+ " none of them was read");
		assertThat(leftInWork()).isEmpty();
	}

	@Test
	void aRecordOfMegabytesIsRefusedNamingItsLineBeforeItIsHeldInMemory() throws Exception {
		byte[] zip = zip("users.csv", RosterSet.USERS_HEADER + "\n" + "x".repeat(2 * Stager.LONGEST_RECORD) + "\n");

		String done = api().awaitOutcome(api().upload(zip, "long.zip"));

		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("REJECTED");
		assertThat((List<String>) JsonPath.read(done, "$.errors[?(@.file == 'users.csv')].code"))
			.containsExactly("imports.issue.record-too-long");
		assertThat((List<Integer>) JsonPath.read(done, "$.errors[?(@.file == 'users.csv')].line")).containsExactly(2);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftInWork()).isEmpty());
	}

	@Test
	void anImportThatRunsOutOfMemoryIsRejectedRatherThanLeftRunning() throws Exception {
		doThrow(new OutOfMemoryError("Java heap space")).when(importer).run(any(), anyBoolean(), anyBoolean(), any());

		String done = api().awaitOutcome(api().upload(RosterSet.riverside().zip(), "riverside.zip"));

		assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("REJECTED");
		assertThat((String) JsonPath.read(done, "$.reason")).contains("failed unexpectedly");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftInWork()).isEmpty());
	}

	/**
	 * A file saved as Latin-1, as spreadsheets on Windows do: "Muñoz" is the byte 0xF1 there. The
	 * decoder reads ahead 8 KB at a time, so the byte is put both within the first read and past it.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 0, 300 })
	void aFileThatIsNotUtf8IsAnIssueNamingItsLine(int rowsBefore) {
		RosterSet set = RosterSet.riverside()
			.replaceLine("users.csv", "st05,", "st05,,,true,s1,student,st05,,Student05,Muñoz,,,,,,g05,07,,")
			.change("users.csv", lines -> {
				for (int i = 0; i < rowsBefore; i++) {
					lines.add(1, "t9" + i + ",,,true,s1,teacher,t9" + i + ",,Teacher,Number" + i + ",,,,,,,,,");
				}
				return lines;
			});
		Path folder = set.writeTo(temp.resolve("latin-1"));
		rewriteAs(folder.resolve("users.csv"), StandardCharsets.ISO_8859_1);

		RosterImportView view = imports.find(imports.importFolder("admin@district.test", folder, false, false))
			.orElseThrow();

		assertThat(view.status()).isEqualTo("REJECTED");
		assertThat(view.reason()).doesNotContain("unexpectedly");
		assertThat(view.errors()).extracting(Issue::toString).contains("users.csv line " + (11 + rowsBefore)
				+ ": is not UTF-8 text from this line on: export it from the SIS as UTF-8 (a letter such as ñ or é saved"
				+ " as Latin-1 or Windows-1252 cannot be read)");
	}

	/** 64 MB of users that deflate to a few hundred kilobytes, beside a manifest. */
	private static byte[] zipBomb() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("manifest.csv"));
			zip.write("propertyName,value\noneroster.version,1.1\nfile.users,bulk\n".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("users.csv"));
			zip.write((RosterSet.USERS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
			byte[] row = (RosterSet.student("01") + "\n").getBytes(StandardCharsets.UTF_8);
			for (long written = 0; written < 64L << 20; written += row.length) {
				zip.write(row);
			}
			zip.closeEntry();
		}
		assertThat(bytes.size()).isLessThan(1 << 20);
		return bytes.toByteArray();
	}

	private static byte[] zip(String name, String content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("manifest.csv"));
			zip.write("propertyName,value\noneroster.version,1.1\n".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static void rewriteAs(Path file, java.nio.charset.Charset charset) {
		try {
			Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8), charset);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> leftInWork() throws IOException {
		try (Stream<Path> left = Files.list(WORK)) {
			return left.toList();
		}
	}

	private long count(String query) {
		return jdbc.sql(query).query(Long.class).single();
	}

	private static Path createWorkDirectory() {
		try {
			Path work = Files.createTempDirectory("homeroom-import-work-");
			work.toFile().deleteOnExit();
			return work;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
