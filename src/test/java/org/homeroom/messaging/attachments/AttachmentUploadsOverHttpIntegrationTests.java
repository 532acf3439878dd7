package org.homeroom.messaging.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Attachments as an API client meets them on a real server, through a stand-in for the
 * conversations controller that will use them: a refused file is a 400 naming it in the caller's
 * language, a download carries the detected type, a request over the multipart limit is a 413
 * problem detail and not a 500. The multipart limit is lowered here (production allows 1 GB, for
 * roster imports) so that a test can pass it.
 */
@ServerTest
@TestPropertySource(properties = { "spring.servlet.multipart.max-request-size=40MB",
		"spring.servlet.multipart.max-file-size=40MB" })
class AttachmentUploadsOverHttpIntegrationTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class StandInForConversations {

		@RestController
		static class MessageAttachmentsApi {

			private final Attachments attachments;

			private final AttachmentDownloads downloads;

			MessageAttachmentsApi(Attachments attachments, AttachmentDownloads downloads) {
				this.attachments = attachments;
				this.downloads = downloads;
			}

			@PostMapping("/api/v1/test/attachments")
			List<String> upload(@RequestParam("files") List<MultipartFile> files) {
				return attachments.storeFiles(files).stream().map(attachment -> attachment.id().toString()).toList();
			}

			@GetMapping("/api/v1/test/attachments/{id}")
			ResponseEntity<Resource> download(@PathVariable UUID id) {
				return downloads.download(new AttachmentId(id));
			}
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	private final HttpClient client = HttpClient.newHttpClient();

	private String token;

	@BeforeEach
	void aSpanishSpeakingTeacherHasAToken() throws Exception {
		String email = StaffAccounts.aStaffMember().speaking("es").createIn(accounts);
		String basic = Base64.getEncoder().encodeToString((email + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
		String created = send(HttpRequest.newBuilder(uri("/api/v1/tokens"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"attachments test\"}"))).body();
		token = created.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
	}

	@Test
	void aRenamedProgramIsRefusedByNameInTheCallersLanguage() throws Exception {
		HttpResponse<String> response = upload(Map.of("tarea.pdf", SampleFiles.windowsProgram()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"field\":\"attachments\"")
			.contains("«tarea.pdf» no es un archivo PDF, JPEG, PNG ni HEIC");
	}

	@Test
	void threeFilesOfTenMegabytesGoInAndComeOutWithTheirType() throws Exception {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("a.pdf", SampleFiles.pdfOfSize(AttachmentRules.MAX_FILE_BYTES));
		files.put("b.pdf", SampleFiles.pdfOfSize(AttachmentRules.MAX_FILE_BYTES - 1));
		files.put("c.png", SampleFiles.pdfOfSize(AttachmentRules.MAX_FILE_BYTES - 2));
		HttpResponse<String> response = upload(files);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String third = response.body().replaceAll(".*\"([0-9a-f-]{36})\"]$", "$1");

		HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(uri("/api/v1/test/attachments/" + third))
			.header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				value -> assertThat(value).startsWith("attachment;").endsWith("filename*=UTF-8''c.png.pdf"));
		assertThat(download.body()).isEqualTo(files.get("c.png"));
	}

	@Test
	void aRequestOverTheMultipartLimitIsA413ProblemNotAFailure() throws Exception {
		HttpResponse<String> response = upload(Map.of("huge.pdf", SampleFiles.pdfOfSize(40L * 1024 * 1024 + 512 * 1024)));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":413");
	}

	@Test
	void aFormOverTheMultipartLimitIsNotAFailure() throws Exception {
		byte[] huge = SampleFiles.pdfOfSize(40L * 1024 * 1024 + 512 * 1024);
		String boundary = "page-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"huge.pdf\"\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(huge);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/sign-in"))
			.header("Accept", "text/html")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));

		assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
	}

	private HttpResponse<String> upload(Map<String, byte[]> files) throws IOException, InterruptedException {
		String boundary = "attachments-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getKey()
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file.getValue());
			body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return send(HttpRequest.newBuilder(uri("/api/v1/test/attachments"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** From 127.0.0.2 behind the trusted proxy, as ErrorHandlingIntegrationTests does, apart from sign-ins at 127.0.0.1. */
	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.header("X-Forwarded-For", "127.0.0.2").build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}
}
