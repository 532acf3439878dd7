package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Zip-slip, as a security probe tried it (issue 15): a zip whose entries are named to climb out of
 * the import's work folder ({@code ../../evil.csv}) or to land at an absolute path. The archive is
 * unpacked flat, by each entry's file name alone (see {@link RosterArchive}), so nothing is written
 * anywhere but inside the work folder, and the import still ends rather than hanging.
 */
@IntegrationTest
class RosterImportZipSlipIntegrationTests {

	/** A folder of its own two levels above the work folder, where {@code ../../evil.csv} would land. */
	static final Path ROOT = createRoot();

	static final Path WORK = ROOT.resolve("a/work");

	/** Absolute, in the system's temp folder, and unique to this run so an old file cannot fool the test. */
	static final Path ABSOLUTE = Path.of(System.getProperty("java.io.tmpdir"), "homeroom-evil-" + UUID.randomUUID() + ".csv")
		.toAbsolutePath();

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

	@BeforeEach
	@AfterEach
	void emptyDirectory() throws IOException {
		RosterSet.clearDirectory(jdbc);
		Files.deleteIfExists(ABSOLUTE);
	}

	@Test
	void entriesNamedToClimbOutOfTheWorkFolderOrToAnAbsolutePathWriteNothingOutsideIt() throws Exception {
		byte[] zip = zip("manifest.csv", "propertyName,value\noneroster.version,1.1\n", "../../evil.csv", "pwned\n",
				"../../../../../../../../../../../.." + ABSOLUTE, "pwned\n", ABSOLUTE.toString(), "pwned\n");

		String done = api().awaitOutcome(api().upload(zip, "slip.zip"));

		// Today the climbing entries are flattened to evil.csv, a file no OneRoster set has, and left unread.
		assertThat((String) JsonPath.read(done, "$.status")).as(done).isIn("COMPLETED", "REJECTED");
		assertThat(ABSOLUTE).doesNotExist();
		assertThat(filesUnder(ROOT)).as("files written under %s", ROOT).allMatch(file -> file.startsWith(WORK));
		assertThat(count("select count(*) from directory.student")).isZero();
	}

	private static byte[] zip(String... namesAndContents) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < namesAndContents.length; i += 2) {
				zip.putNextEntry(new ZipEntry(namesAndContents[i]));
				zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static List<Path> filesUnder(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private long count(String query) {
		return jdbc.sql(query).query(Long.class).single();
	}

	private static Path createRoot() {
		try {
			Path root = Files.createTempDirectory("homeroom-zip-slip-");
			Files.createDirectories(root.resolve("a/work"));
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
