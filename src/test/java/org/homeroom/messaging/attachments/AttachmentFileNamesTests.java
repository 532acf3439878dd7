package org.homeroom.messaging.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Names as people sent them are kept to show, made safe for a header, a page and a disk. */
class AttachmentFileNamesTests {

	@Test
	void aNameIsKeptAsWrittenInAnyScript() {
		assertThat(AttachmentFileNames.safe("Boletín de notas (1).pdf")).isEqualTo("Boletín de notas (1).pdf");
		assertThat(AttachmentFileNames.safe("شهادة.pdf")).isEqualTo("شهادة.pdf");
		assertThat(AttachmentFileNames.safe("Giấy phép.jpg")).isEqualTo("Giấy phép.jpg");
	}

	@Test
	void foldersAreDropped() {
		assertThat(AttachmentFileNames.safe("../../etc/passwd")).isEqualTo("passwd");
		assertThat(AttachmentFileNames.safe("C:\\Users\\ana\\scan.pdf")).isEqualTo("scan.pdf");
	}

	@Test
	void controlAndDirectionCharactersCannotDisguiseAName() {
		assertThat(AttachmentFileNames.safe("photo\u202Egpj.exe")).isEqualTo("photo_gpj.exe");
		assertThat(AttachmentFileNames.safe("a\r\nSet-Cookie: x=1.pdf")).isEqualTo("a Set-Cookie_ x_1.pdf");
		assertThat(AttachmentFileNames.safe("\"quoted\";name.pdf")).isEqualTo("quoted_name.pdf");
	}

	@Test
	void nothingLeftMeansAPlainName() {
		assertThat(AttachmentFileNames.safe(null)).isEqualTo("attachment");
		assertThat(AttachmentFileNames.safe("...")).isEqualTo("attachment");
		assertThat(AttachmentFileNames.safe("/")).isEqualTo("attachment");
	}

	@Test
	void aLongNameIsShortenedKeepingItsEnding() {
		String shortened = AttachmentFileNames.safe("x".repeat(500) + ".pdf");
		assertThat(shortened).endsWith(".pdf");
		assertThat(shortened.length()).isLessThanOrEqualTo(AttachmentRules.MAX_NAME_LENGTH);
	}

	@Test
	void aDownloadEndsAsItsTypeDoes() {
		assertThat(AttachmentFileNames.forDownload(stored("report.PDF", AttachmentType.PDF))).isEqualTo("report.PDF");
		assertThat(AttachmentFileNames.forDownload(stored("photo.jpeg", AttachmentType.JPEG))).isEqualTo("photo.jpeg");
		assertThat(AttachmentFileNames.forDownload(stored("page.html", AttachmentType.PDF))).isEqualTo("page.html.pdf");
		assertThat(AttachmentFileNames.forDownload(stored("IMG_0001", AttachmentType.HEIC))).isEqualTo("IMG_0001.heic");
	}

	private static Attachment stored(String name, AttachmentType type) {
		return new Attachment(new AttachmentId(UUID.randomUUID()), name, type, 1, "0".repeat(64), Instant.EPOCH);
	}
}
