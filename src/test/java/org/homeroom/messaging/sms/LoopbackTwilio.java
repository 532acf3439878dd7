package org.homeroom.messaging.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A loopback server that answers as Twilio's Messages API does (201 with the message's sid, or an
 * error as JSON for the numbers told to refuse), for tests that send texts, with what they need to
 * read what arrived and to sign Twilio's webhooks.
 */
public final class LoopbackTwilio {

	/** {@code HOMEROOM_PUBLIC_URL} in tests: webhooks are signed over it. */
	public static final String PUBLIC_URL = "http://localhost:8080";

	public static final String FROM = "+15005550006";

	private final WireMockServer server;

	private final String sid;

	private final String token;

	private LoopbackTwilio(String sid, String token) {
		this.sid = sid;
		this.token = token;
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
			.templatingEnabled(true));
		server.start();
		server.stubFor(WireMock.post(urlPathEqualTo(messages())).atPriority(10)
			.withBasicAuth(sid, token)
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody("""
						{"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "account_sid": "%s",
						 "status": "queued", "num_segments": "1", "direction": "outbound-api", "error_code": null}"""
					.formatted(sid))
				.withTransformers("response-template")));
	}

	/** Started on a free loopback port, for the account {@code sid} (AC and 32 hexadecimal digits). */
	public static LoopbackTwilio start(String sid, String token) {
		return new LoopbackTwilio(sid, token);
	}

	/** Texts to {@code number} are refused, as Twilio refuses them, with HTTP {@code status} and error {@code code}. */
	public LoopbackTwilio refusing(String number, int status, int code) {
		server.stubFor(WireMock.post(urlPathEqualTo(messages())).atPriority(1)
			.withRequestBody(containing("To=" + number.replace("+", "%2B")))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
				.withBody("""
						{"code": %d, "message": "The 'To' number %s is not valid.", "status": %d}"""
					.formatted(code, number, status))));
		return this;
	}

	/** Texts to {@code number} are accepted as {@code messageSid}, but only after {@code delayMillis}. */
	public LoopbackTwilio answeringSlowly(String number, String messageSid, int delayMillis) {
		server.stubFor(WireMock.post(urlPathEqualTo(messages())).atPriority(1)
			.withRequestBody(containing("To=" + number.replace("+", "%2B")))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withFixedDelay(delayMillis)
				.withBody("""
						{"sid": "%s", "account_sid": "%s", "status": "queued", "num_segments": "1",
						 "direction": "outbound-api", "error_code": null}""".formatted(messageSid, sid))));
		return this;
	}

	/** The account the server answers for, as Twilio names it in the webhooks it signs. */
	public String accountSid() {
		return sid;
	}

	/** Points Homeroom's SMS settings here. */
	public void configure(DynamicPropertyRegistry registry) {
		registry.add("homeroom.sms.base-url", () -> "http://127.0.0.1:" + server.port());
		registry.add("homeroom.sms.account-sid", () -> sid);
		registry.add("homeroom.sms.auth-token", () -> token);
		registry.add("homeroom.sms.from", () -> FROM);
		registry.add("homeroom.sms.messages-per-second", () -> 20);
	}

	/** The texts that reached this server for {@code number}, oldest first, each as its form fields ({@code To}, {@code Body}…). */
	public List<Map<String, String>> textsTo(String number) {
		return server.findAll(postRequestedFor(urlPathEqualTo(messages()))
			.withRequestBody(containing("To=" + number.replace("+", "%2B"))))
			.stream().sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).map(LoopbackTwilio::form).toList();
	}

	/** The requests that reached this server for {@code number} as they came (headers and all), newest first. */
	public List<LoggedRequest> requestsTo(String number) {
		return server.findAll(postRequestedFor(urlPathEqualTo(messages()))
			.withRequestBody(containing("To=" + number.replace("+", "%2B"))))
			.stream().sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate).reversed()).toList();
	}

	/** {@code X-Twilio-Signature} for a webhook at {@code path} with these POST parameters. */
	public String signature(String path, Map<String, String> form) {
		return signedWith(token, path, form);
	}

	/** {@code X-Twilio-Signature} as one who holds {@code authToken} signs it: a forger's, with another token. */
	public static String signedWith(String authToken, String path, Map<String, String> form) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		form.forEach((name, value) -> parameters.put(name, List.of(value)));
		return TwilioSignature.of(authToken, PUBLIC_URL + path, parameters);
	}

	public void stop() {
		server.stop();
	}

	private String messages() {
		return "/2010-04-01/Accounts/" + sid + "/Messages.json";
	}

	private static Map<String, String> form(LoggedRequest request) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : request.getBodyAsString().split("&")) {
			String[] parts = pair.split("=", 2);
			form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
		}
		return form;
	}
}
