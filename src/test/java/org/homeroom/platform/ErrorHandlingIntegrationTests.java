package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.homeroom.FailingEndpoints;
import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What people and programs see when something goes wrong, from the running server: a page in the
 * user's language, or a problem detail, and never an internal detail or stack trace.
 */
@ServerTest
class ErrorHandlingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	private HttpClient browser;

	private String email;

	@BeforeEach
	void signInASpanishSpeakingTeacher() throws Exception {
		email = StaffAccounts.aStaffMember().speaking("es").createIn(accounts);
		browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf = Jsoup.parse(send(HttpRequest.newBuilder(uri("/sign-in")).GET()).body())
			.selectFirst("input[name=_csrf]").attr("value");
		send(HttpRequest.newBuilder(uri("/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("email=" + encode(email) + "&password="
					+ encode(StaffAccounts.PASSWORD) + "&_csrf=" + encode(csrf))));
	}

	@Test
	void aMissingPageIsExplainedInTheUsersLanguage() throws Exception {
		HttpResponse<String> response = send(page("/no-such-page"));

		assertThat(response.statusCode()).isEqualTo(404);
		Document page = Jsoup.parse(response.body());
		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("es");
		assertThat(page.selectFirst("h1").text()).isEqualTo("No encontramos esa página");
	}

	@Test
	void aFailureShowsAKindPageAndNoInternals() throws Exception {
		HttpResponse<String> response = send(page("/test/failure"));

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(Jsoup.parse(response.body()).selectFirst("h1").text()).isEqualTo("Algo salió mal de nuestro lado");
		assertThat(response.body()).doesNotContain(FailingEndpoints.SECRET_MESSAGE, "IllegalStateException", "at org.");
	}

	@Test
	void anApiFailureIsAProblemDetailWithNoInternals() throws Exception {
		HttpResponse<String> response = send(api("/api/v1/test/failure"));

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":500").doesNotContain(FailingEndpoints.SECRET_MESSAGE, "Exception");
	}

	@Test
	void anUnknownApiPathIsAProblemDetailEvenForABrowser() throws Exception {
		HttpResponse<String> response = send(api("/api/v1/no-such-thing").header("Accept", "text/html"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":404", "\"instance\":\"/api/v1/no-such-thing\"");
	}

	private HttpRequest.Builder page(String path) {
		return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,*/*;q=0.8").GET();
	}

	private HttpRequest.Builder api(String path) {
		String basic = Base64.getEncoder().encodeToString((email + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
		try {
			String created = send(HttpRequest.newBuilder(uri("/api/v1/tokens"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"errors test\"}"))).body();
			String token = created.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
			return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * As a client at 127.0.0.2 behind the trusted proxy: the server listens on 127.0.0.1 only (demo
	 * mode), and the client keeps an address of its own, apart from the tests that sign in from
	 * 127.0.0.1.
	 */
	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return browser.send(request.header("X-Forwarded-For", "127.0.0.2").build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
