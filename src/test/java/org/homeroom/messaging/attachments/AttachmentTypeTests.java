package org.homeroom.messaging.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file is the kind its content shows, whatever it is called. */
class AttachmentTypeTests {

	@Test
	void realFilesOfEachKindAreRecognised() {
		assertThat(typeOf(SampleFiles.pdf())).contains(AttachmentType.PDF);
		assertThat(typeOf(SampleFiles.jpeg())).contains(AttachmentType.JPEG);
		assertThat(typeOf(SampleFiles.png())).contains(AttachmentType.PNG);
		assertThat(typeOf(SampleFiles.heic())).contains(AttachmentType.HEIC);
	}

	@ParameterizedTest
	@ValueSource(strings = { "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1" })
	void anHeifBrandMakesAnHeicWhetherMajorOrCompatible(String brand) {
		assertThat(typeOf(SampleFiles.heif(brand, "iso8"))).contains(AttachmentType.HEIC);
		assertThat(typeOf(SampleFiles.heif("isom", "iso8", brand))).contains(AttachmentType.HEIC);
	}

	@Test
	void anMp4VideoIsNotAnHeic() {
		assertThat(typeOf(SampleFiles.heif("isom", "iso2", "avc1", "mp41"))).isEmpty();
		assertThat(typeOf(SampleFiles.heif("qt  ", "qt  "))).isEmpty();
	}

	@Test
	void aBrandBeyondTheFtypBoxDoesNotCount() {
		byte[] video = SampleFiles.heif("isom", "mp41");
		byte[] withHeicAfterTheBox = Arrays.copyOf(video, video.length + 4);
		System.arraycopy("heic".getBytes(StandardCharsets.US_ASCII), 0, withHeicAfterTheBox, video.length, 4);
		assertThat(typeOf(withHeicAfterTheBox)).isEmpty();
	}

	@Test
	void programsAndPagesAreRefusedWhateverTheyAreCalled() {
		assertThat(typeOf(SampleFiles.windowsProgram())).isEmpty();
		assertThat(typeOf(SampleFiles.htmlPage())).isEmpty();
		assertThat(typeOf("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(typeOf("GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
	}

	@Test
	void aPrefixAloneIsNotEnough() {
		assertThat(typeOf("%PDF".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(typeOf("%PDF-x".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(typeOf(Arrays.copyOf(SampleFiles.png(), 8))).as("a PNG signature without its header chunk").isEmpty();
		assertThat(typeOf(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })).isEmpty();
		assertThat(typeOf(Arrays.copyOf(SampleFiles.heic(), 12))).isEmpty();
		assertThat(typeOf(new byte[0])).isEmpty();
	}

	@Test
	void anHtmlPageStartingWithAPdfHeaderIsAPdfAndServedAsOne() {
		// Content, not intent, decides: such a file is stored and served as application/pdf, never as a page.
		byte[] polyglot = "%PDF-1.4\n<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
		assertThat(typeOf(polyglot)).contains(AttachmentType.PDF);
		assertThat(AttachmentType.PDF.contentType()).isEqualTo("application/pdf");
	}

	private static Optional<AttachmentType> typeOf(byte[] content) {
		byte[] head = Arrays.copyOf(content, Math.min(content.length, AttachmentType.HEAD_BYTES));
		return AttachmentType.of(head, head.length);
	}
}
