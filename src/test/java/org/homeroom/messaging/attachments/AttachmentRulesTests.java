package org.homeroom.messaging.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockMultipartFile;

/**
 * What a message may carry, checked before anything is stored: these refusals never reach the
 * database (the store here has none), and each names the file and the reason in the sender's language.
 */
class AttachmentRulesTests {

	private final Attachments attachments = new Attachments(null, null, messages(), Clock.systemUTC(),
			new AttachmentSettings(null));

	@AfterEach
	void resetLanguage() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void aProgramRenamedAsAPdfIsRefusedByName() {
		AttachmentsRefusedException refused = refusal(List.of(SampleFiles.upload("homework.pdf", SampleFiles.windowsProgram())));
		assertThat(refused.field()).isEqualTo("attachments");
		assertThat(refused.refusals()).singleElement().satisfies(refusal -> {
			assertThat(refusal.fileName()).isEqualTo("homework.pdf");
			assertThat(refusal.messageKey()).isEqualTo("attachments.not-accepted");
		});
		assertThat(refused.getMessage())
			.isEqualTo("“homework.pdf” is not a PDF, JPEG, PNG or HEIC file (its content was checked, not its name).");
	}

	@Test
	void aPageRenamedAsAPdfIsRefusedEvenWhenDeclaredAsOne() {
		MockMultipartFile page = new MockMultipartFile("files", "report.pdf", "application/pdf", SampleFiles.htmlPage());
		AttachmentsRefusedException refused = catchThrowableOfType(AttachmentsRefusedException.class,
				() -> attachments.storeFiles(List.of(page)));
		assertThat(refused.refusals()).extracting(AttachmentsRefusedException.Refusal::fileName).containsExactly("report.pdf");
	}

	@Test
	void tenMegabytesPassAndOneByteMoreIsRefused() {
		byte[] tooLarge = SampleFiles.pdfOfSize(AttachmentRules.MAX_FILE_BYTES + 1);
		AttachmentsRefusedException refused = refusal(List.of(SampleFiles.upload("scan.pdf", tooLarge)));
		assertThat(refused.refusals()).extracting(AttachmentsRefusedException.Refusal::messageKey)
			.containsExactly("attachments.too-large");
		assertThat(refused.getMessage()).isEqualTo("“scan.pdf” is larger than 10 MB.");

		MockMultipartFile declared = new MockMultipartFile("files", "scan.pdf", "application/pdf", tooLarge);
		assertThat(catchThrowableOfType(AttachmentsRefusedException.class, () -> attachments.storeFiles(List.of(declared)))
			.refusals()).extracting(AttachmentsRefusedException.Refusal::messageKey).containsExactly("attachments.too-large");
	}

	@Test
	void aFourthFileIsOneTooMany() {
		AttachmentUpload photo = SampleFiles.upload("photo.png", SampleFiles.png());
		AttachmentsRefusedException refused = refusal(List.of(photo, photo, photo, photo));
		assertThat(refused.refusals()).extracting(AttachmentsRefusedException.Refusal::messageKey)
			.containsExactly("attachments.too-many");
		assertThat(refused.getMessage()).isEqualTo("A message can carry at most 3 files; 4 were sent.");
	}

	@Test
	void aFileFieldLeftEmptyIsNoFile() {
		MockMultipartFile nothingChosen = new MockMultipartFile("files", "", "application/octet-stream", new byte[0]);
		assertThat(attachments.storeFiles(List.of(nothingChosen, nothingChosen))).isEmpty();
		assertThat(attachments.storeFiles(null)).isEmpty();
		MockMultipartFile emptyButNamed = new MockMultipartFile("files", "notes.pdf", "application/pdf", new byte[0]);
		assertThat(catchThrowableOfType(AttachmentsRefusedException.class, () -> attachments.storeFiles(List.of(emptyButNamed)))
			.getMessage()).isEqualTo("“notes.pdf” is empty.");
	}

	@Test
	void everyRefusedFileIsNamedAtOnce() {
		AttachmentsRefusedException refused = refusal(List.of(SampleFiles.upload("ok.png", SampleFiles.png()),
				SampleFiles.upload("empty.jpg", new byte[0]), SampleFiles.upload("run.exe.pdf", SampleFiles.windowsProgram())));
		assertThat(refused.refusals()).extracting(AttachmentsRefusedException.Refusal::fileName)
			.containsExactly("empty.jpg", "run.exe.pdf");
		assertThat(refused.getMessage()).contains("“empty.jpg” is empty.").contains("“run.exe.pdf” is not a PDF");
	}

	@Test
	void theNameInTheMessageIsTheSafeOne() {
		AttachmentsRefusedException refused = refusal(List.of(SampleFiles.upload("../../<b>x</b>.pdf", SampleFiles.htmlPage())));
		assertThat(refused.refusals().get(0).fileName()).isEqualTo("b_.pdf");
		assertThat(refused.getMessage()).doesNotContain("<", "/");
	}

	@Test
	void theReasonIsInTheSendersLanguage() {
		List<AttachmentUpload> program = List.of(SampleFiles.upload("tarea.pdf", SampleFiles.windowsProgram()));
		LocaleContextHolder.setLocale(Locale.forLanguageTag("es"));
		assertThat(refusal(program).getMessage())
			.isEqualTo("«tarea.pdf» no es un archivo PDF, JPEG, PNG ni HEIC (se revisó su contenido, no su nombre).");
		LocaleContextHolder.setLocale(Locale.forLanguageTag("ar"));
		assertThat(refusal(program).getMessage()).isEqualTo("الملف «tarea.pdf» ليس ملف PDF أو JPEG أو PNG أو HEIC (فُحص محتواه لا اسمه).");
	}

	private AttachmentsRefusedException refusal(List<AttachmentUpload> uploads) {
		return catchThrowableOfType(AttachmentsRefusedException.class, () -> attachments.store(uploads));
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messaging");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}
}
