package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.homeroom.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Headers as a browser receives them from the running server. Requests go over plain sockets so
 * that they can come from two loopback addresses: 127.0.0.1 is the configured proxy, 127.0.0.2
 * an ordinary client whose forwarded headers must be ignored.
 */
@ServerTest
class SecurityHeadersIntegrationTests {

	private static final String TRUSTED_PROXY = "127.0.0.1";

	private static final String UNTRUSTED_CLIENT = "127.0.0.2";

	@LocalServerPort
	int port;

	@Test
	void pagesForbidInlineScriptFramingAndSniffing() throws IOException {
		Map<String, String> headers = request(UNTRUSTED_CLIENT, "/sign-in", "");

		String policy = headers.get("content-security-policy");
		String scriptSources = Arrays.stream(policy.split(";"))
			.map(String::strip)
			.filter(directive -> directive.startsWith("script-src"))
			.findFirst()
			.orElseThrow();
		assertThat(scriptSources).isEqualTo("script-src 'self'");
		assertThat(policy).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(headers).containsEntry("x-content-type-options", "nosniff").containsEntry("x-frame-options", "DENY");
	}

	@Test
	void apiAnswersCarryTheSameHeaders() throws IOException {
		Map<String, String> headers = request(UNTRUSTED_CLIENT, "/api/v1/tokens", "");

		assertThat(headers.get(":status")).isEqualTo("401");
		assertThat(headers.get("content-security-policy")).contains("frame-ancestors 'none'");
		assertThat(headers).containsEntry("x-content-type-options", "nosniff");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sign-in;type=a", "/students/%2e/x", "/students/%2E%2E/sign-in", "/students/a%2Fb",
			"/students/a%5Cb", "/students/%252e" })
	void aRequestTheFirewallRefusesGetsTheSameHeadersAsEveryOtherAnswer(String path) throws IOException {
		Map<String, String> refused = request(UNTRUSTED_CLIENT, path, "");
		Map<String, String> page = request(UNTRUSTED_CLIENT, "/sign-in", "");

		assertThat(refused.get(":status")).isEqualTo("400");
		for (String header : List.of("content-security-policy", "x-content-type-options", "x-frame-options",
				"referrer-policy", "cache-control")) {
			assertThat(refused.get(header)).as(header).isNotNull().isEqualTo(page.get(header));
		}
	}

	@Test
	void aRequestTheFirewallRefusesOverHttpsGetsStrictTransportSecurity() throws IOException {
		Map<String, String> refused = request(TRUSTED_PROXY, "/sign-in;type=a", "X-Forwarded-Proto: https\r\n");

		assertThat(refused.get(":status")).isEqualTo("400");
		assertThat(refused.get("strict-transport-security")).contains("max-age=31536000");
	}

	@Test
	void plainHttpGetsNoStrictTransportSecurity() throws IOException {
		assertThat(request(UNTRUSTED_CLIENT, "/sign-in", "")).doesNotContainKey("strict-transport-security");
	}

	@Test
	void httpsReportedByTheTrustedProxyGetsStrictTransportSecurity() throws IOException {
		Map<String, String> headers = request(TRUSTED_PROXY, "/sign-in", "X-Forwarded-Proto: https\r\n");

		assertThat(headers.get("strict-transport-security")).contains("max-age=31536000").contains("includeSubDomains");
	}

	@Test
	void forwardedHeadersFromAnyoneElseAreIgnored() throws IOException {
		Map<String, String> headers = request(UNTRUSTED_CLIENT, "/sign-in", "X-Forwarded-Proto: https\r\n");

		assertThat(headers).doesNotContainKey("strict-transport-security");
	}

	@Test
	void healthAndApiDocsAnswerWithoutSigningIn() throws IOException {
		assertThat(request(UNTRUSTED_CLIENT, "/actuator/health", "").get(":status")).isEqualTo("200");
		assertThat(request(UNTRUSTED_CLIENT, "/v3/api-docs", "").get(":status")).isEqualTo("200");
	}

	/** The response's status (as ":status") and headers, names lower-cased. */
	private Map<String, String> request(String from, String path, String extraHeaders) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html,*/*;q=0.8\r\nConnection: close\r\n"
					+ extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			String[] head = response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n");
			Map<String, String> headers = Arrays.stream(head)
				.skip(1)
				.map(line -> line.split(":", 2))
				.collect(Collectors.toMap(parts -> parts[0].strip().toLowerCase(Locale.ROOT), parts -> parts[1].strip(),
						(first, second) -> first + ", " + second));
			headers.put(":status", head[0].split(" ")[1]);
			return headers;
		}
	}
}
