package org.homeroom.messaging.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.homeroom.IntegrationTest;
import org.homeroom.platform.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.servlet.MultipartConfigElement;

/** Attachments kept in PostgreSQL, the default: what goes in comes out byte for byte, or nothing goes in. */
@IntegrationTest
class AttachmentsIntegrationTests {

	@Autowired
	Attachments attachments;

	@Autowired
	AttachmentDownloads downloads;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MultipartConfigElement multipart;

	@Test
	void threeFilesOfAMessageComeBackAsTheyWereSent() throws IOException {
		byte[] pdf = SampleFiles.pdfOfSize(AttachmentRules.MAX_FILE_BYTES);
		byte[] png = SampleFiles.png();
		byte[] heic = SampleFiles.heic();
		List<Attachment> stored = attachments.storeFiles(List.of(
				new MockMultipartFile("files", "Report card.pdf", "application/octet-stream", pdf),
				new MockMultipartFile("files", "drawing.png", "image/png", png),
				new MockMultipartFile("files", "IMG_0042.HEIC", "image/heif", heic)));

		assertThat(stored).extracting(Attachment::fileName).containsExactly("Report card.pdf", "drawing.png", "IMG_0042.HEIC");
		assertThat(stored).extracting(Attachment::contentType).containsExactly("application/pdf", "image/png", "image/heic");
		assertThat(stored).extracting(Attachment::size).containsExactly((long) pdf.length, (long) png.length, (long) heic.length);
		assertThat(stored).extracting(Attachment::sha256).containsExactly(sha256(pdf), sha256(png), sha256(heic));
		assertThat(jdbc.sql("select count(*) from messaging.attachment_chunk where attachment_id = :id")
			.param("id", stored.get(0).id().value()).query(Integer.class).single())
			.as("10 MB in chunks of 256 KiB").isEqualTo(40);

		for (int i = 0; i < stored.size(); i++) {
			try (OpenAttachment open = attachments.open(stored.get(i).id()).orElseThrow()) {
				assertThat(open.attachment()).isEqualTo(stored.get(i));
				assertThat(sha256(open.content())).isEqualTo(stored.get(i).sha256());
			}
		}
		assertThat(attachments.find(List.of(stored.get(2).id(), stored.get(0).id()))).containsExactly(stored.get(2), stored.get(0));
	}

	@Test
	void aBadThirdFileStoresNone() {
		long before = count();
		assertThatThrownBy(() -> attachments.store(List.of(SampleFiles.upload("a.png", SampleFiles.png()),
				SampleFiles.upload("b.jpg", SampleFiles.jpeg()), SampleFiles.upload("c.pdf", SampleFiles.htmlPage()))))
			.isInstanceOf(AttachmentsRefusedException.class)
			.hasMessageContaining("“c.pdf”");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void whenTheMessageIsNotStoredNeitherAreItsAttachments() {
		long before = count();
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			attachments.store(List.of(SampleFiles.upload("a.png", SampleFiles.png())));
			throw new IllegalStateException("the message could not be stored");
		})).hasMessage("the message could not be stored");
		assertThat(count()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from messaging.attachment_chunk c where not exists "
				+ "(select 1 from messaging.attachment a where a.id = c.attachment_id)").query(Long.class).single()).isZero();
	}

	@Test
	void deletedAttachmentsAreGoneWithTheirContent() {
		List<Attachment> stored = attachments.store(List.of(SampleFiles.upload("a.pdf", SampleFiles.pdfOfSize(600_000)),
				SampleFiles.upload("b.jpg", SampleFiles.jpeg())));
		AttachmentId first = stored.get(0).id();

		assertThat(attachments.delete(List.of(first, AttachmentId.random()))).isEqualTo(1);

		assertThat(attachments.open(first)).isEmpty();
		assertThat(attachments.find(stored.get(1).id())).isPresent();
		assertThat(jdbc.sql("select count(*) from messaging.attachment_chunk where attachment_id = :id")
			.param("id", first.value()).query(Integer.class).single()).isZero();
	}

	@Test
	void aDownloadSaysWhatTheContentIsAndThatItMayNotBeSniffed() throws IOException {
		List<Attachment> stored = attachments.store(List.of(SampleFiles.upload("page.html", SampleFiles.pdf()),
				SampleFiles.upload("Foto de Ana.jpg", SampleFiles.jpeg()), SampleFiles.upload("صورة\u202E.png", SampleFiles.png())));

		ResponseEntity<Resource> pdf = downloads.download(stored.get(0).id());
		assertThat(pdf.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/pdf");
		assertThat(pdf.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.startsWith("attachment;").endsWith("filename*=UTF-8''page.html.pdf");
		assertThat(pdf.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(pdf.getHeaders().getContentLength()).isEqualTo(SampleFiles.pdf().length);
		try (InputStream body = pdf.getBody().getInputStream()) {
			assertThat(body.readAllBytes()).isEqualTo(SampleFiles.pdf());
		}

		ResponseEntity<Resource> photo = downloads.download(stored.get(1).id());
		assertThat(photo.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("image/jpeg");
		assertThat(photo.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.startsWith("inline;").endsWith("filename*=UTF-8''Foto%20de%20Ana.jpg");
		assertThat(photo.getHeaders().getFirst("Content-Security-Policy")).contains("sandbox");
		photo.getBody().getInputStream().close();

		ResponseEntity<Resource> arabic = downloads.download(stored.get(2).id());
		assertThat(arabic.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.as("a name in any script, safe to put in a header")
			.matches("inline; filename=\"[\\x20-\\x7E]+\"; filename\\*=UTF-8''%D8%B5%D9%88%D8%B1%D8%A9_.png");
		arabic.getBody().getInputStream().close();

		assertThatThrownBy(() -> downloads.download(AttachmentId.random())).isInstanceOf(NotFoundException.class);
	}

	@Test
	void threeFilesOfTenMegabytesFitInOneUpload() {
		long threeFiles = AttachmentRules.MAX_FILES * AttachmentRules.MAX_FILE_BYTES;
		assertThat(multipart.getMaxFileSize()).isGreaterThan(AttachmentRules.MAX_FILE_BYTES);
		assertThat(multipart.getMaxRequestSize()).isGreaterThan(threeFiles + 1024 * 1024);
	}

	private long count() {
		return jdbc.sql("select count(*) from messaging.attachment").query(Long.class).single();
	}

	static String sha256(byte[] content) {
		return HexFormat.of().formatHex(digest().digest(content));
	}

	static String sha256(InputStream content) throws IOException {
		MessageDigest digest = digest();
		byte[] buffer = new byte[8192];
		int read;
		while ((read = content.read(buffer)) >= 0) {
			digest.update(buffer, 0, read);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
