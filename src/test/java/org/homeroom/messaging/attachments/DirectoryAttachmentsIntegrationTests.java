package org.homeroom.messaging.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attachments kept in a directory (homeroom.messaging.attachments.directory): files named by
 * random ids, readable by Homeroom's user only, removed with their rows, and none left behind by a
 * message that was not stored.
 */
@IntegrationTest
class DirectoryAttachmentsIntegrationTests {

	@TempDir
	Path temporary;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MessageSource messages;

	@Autowired
	Attachments inDatabase;

	Path directory;

	Attachments attachments;

	@BeforeEach
	void keepAttachmentsInADirectory() {
		directory = temporary.resolve("attachments");
		attachments = new Attachments(jdbc, transactions, messages, Clock.systemUTC(), new AttachmentSettings(directory));
	}

	@Test
	void theDirectoryIsCreatedForHomeroomsUserOnly() throws IOException {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
	}

	@Test
	void filesComeBackAsTheyWereSentUnderNamesNoUploadChose() throws IOException {
		byte[] pdf = SampleFiles.pdfOfSize(AttachmentRules.MAX_FILE_BYTES);
		byte[] jpeg = SampleFiles.jpeg();
		List<Attachment> stored = attachments.store(List.of(SampleFiles.upload("../../../tmp/evil.pdf", pdf),
				SampleFiles.upload("photo.jpg", jpeg)));

		assertThat(stored).extracting(Attachment::fileName).containsExactly("evil.pdf", "photo.jpg");
		assertThat(stored).extracting(Attachment::sha256)
			.containsExactly(AttachmentsIntegrationTests.sha256(pdf), AttachmentsIntegrationTests.sha256(jpeg));
		assertThat(filesIn(directory)).containsExactlyInAnyOrder(stored.get(0).id().toString(), stored.get(1).id().toString());
		assertThat(Files.exists(temporary.resolve("tmp"))).isFalse();
		for (Attachment attachment : stored) {
			Path file = directory.resolve(attachment.id().toString());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			try (OpenAttachment open = attachments.open(attachment.id()).orElseThrow()) {
				assertThat(AttachmentsIntegrationTests.sha256(open.content())).isEqualTo(attachment.sha256());
			}
		}
		assertThat(jdbc.sql("select stored_in from messaging.attachment where id = :id").param("id", stored.get(0).id().value())
			.query(String.class).single()).isEqualTo("DIRECTORY");
		assertThat(jdbc.sql("select count(*) from messaging.attachment_chunk where attachment_id = :id")
			.param("id", stored.get(0).id().value()).query(Integer.class).single()).isZero();
	}

	@Test
	void aMessageThatIsNotStoredLeavesNoFile() throws IOException {
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			attachments.store(List.of(SampleFiles.upload("a.png", SampleFiles.png()), SampleFiles.upload("b.heic", SampleFiles.heic())));
			throw new IllegalStateException("the message could not be stored");
		})).hasMessage("the message could not be stored");
		assertThat(filesIn(directory)).isEmpty();
	}

	@Test
	void aBadFileStoresNoneOfTheOthers() throws IOException {
		assertThatThrownBy(() -> attachments.store(List.of(SampleFiles.upload("a.png", SampleFiles.png()),
				SampleFiles.upload("b.pdf", SampleFiles.windowsProgram()))))
			.isInstanceOf(AttachmentsRefusedException.class);
		assertThat(filesIn(directory)).isEmpty();
	}

	@Test
	void deletingRemovesTheFile() throws IOException {
		Attachment stored = attachments.store(List.of(SampleFiles.upload("a.png", SampleFiles.png()))).get(0);
		assertThat(attachments.delete(List.of(stored.id()))).isEqualTo(1);
		assertThat(filesIn(directory)).isEmpty();
		assertThat(attachments.find(stored.id())).isEmpty();
	}

	@Test
	void whatWasStoredInTheDatabaseBeforeTheDirectoryWasSetCanStillBeRead() throws IOException {
		Attachment earlier = inDatabase.store(List.of(SampleFiles.upload("a.png", SampleFiles.png()))).get(0);
		try (OpenAttachment open = attachments.open(earlier.id()).orElseThrow()) {
			assertThat(open.content().readAllBytes()).isEqualTo(SampleFiles.png());
		}
	}

	@Test
	void theSettingNamesTheDirectoryAndEmptyMeansTheDatabase() {
		assertThat(bind(Map.of("homeroom.messaging.attachments.directory", "/var/lib/homeroom/attachments")).directory())
			.isEqualTo(Path.of("/var/lib/homeroom/attachments"));
		assertThat(bind(Map.of("homeroom.messaging.attachments.directory", "")).directory()).isNull();
	}

	private static AttachmentSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("homeroom.messaging.attachments",
				AttachmentSettings.class);
	}

	private static List<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(file -> file.getFileName().toString()).toList();
		}
	}
}
