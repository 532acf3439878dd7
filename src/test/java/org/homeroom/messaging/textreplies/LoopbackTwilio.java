package org.homeroom.messaging.textreplies;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A loopback server that answers as Twilio's Messages API does (201 with the message's sid, basic
 * authentication with the account and token, form-encoded), and the family's side of Twilio:
 * inbound texts posted to Homeroom's webhook, signed as Twilio signs them (HMAC-SHA1 with the auth
 * token over the public URL and the sorted parameters, base64).
 */
final class LoopbackTwilio {

	static final String SID = "AC" + "fedcba9876543210".repeat(2);

	static final String TOKEN = "story-auth-token";

	static final String FROM = "+15005550006";

	static final String PUBLIC_URL = "http://localhost:8080";

	static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	final WireMockServer server;

	private int sids;

	LoopbackTwilio() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
			.templatingEnabled(true));
		server.start();
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(MESSAGES))
			.withBasicAuth(SID, TOKEN)
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody("""
						{"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "account_sid": "%s",
						 "status": "queued", "num_segments": "1", "direction": "outbound-api", "error_code": null}"""
					.formatted(SID))
				.withTransformers("response-template")));
	}

	void register(DynamicPropertyRegistry registry) {
		registry.add("homeroom.sms.base-url", () -> "http://127.0.0.1:" + server.port());
		registry.add("homeroom.sms.account-sid", () -> SID);
		registry.add("homeroom.sms.auth-token", () -> TOKEN);
		registry.add("homeroom.sms.from", () -> FROM);
		registry.add("homeroom.sms.messages-per-second", () -> 50);
	}

	/** The texts that reached the server for the number, oldest first, as their decoded forms. */
	List<Map<String, String>> textsTo(String number) {
		return requestsTo(number).stream().map(request -> form(request.getBodyAsString())).toList();
	}

	List<LoggedRequest> requestsTo(String number) {
		return server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))
			.withRequestBody(containing("To=" + number.replace("+", "%2B"))))
			.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
	}

	/** The family texts Homeroom from the number, through the signed webhook. */
	MockHttpServletResponse text(MockMvc mvc, String from, String body) throws Exception {
		Map<String, String> form = inbound(from, body);
		return webhook(mvc, form, sign("/webhooks/sms/twilio", form));
	}

	Map<String, String> inbound(String from, String body) {
		String sid = "SM" + "%032x".formatted(System.nanoTime() + (++sids));
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", sid);
		form.put("SmsSid", sid);
		form.put("AccountSid", SID);
		form.put("From", from);
		form.put("To", FROM);
		form.put("Body", body);
		form.put("NumMedia", "0");
		return form;
	}

	static MockHttpServletResponse webhook(MockMvc mvc, Map<String, String> form, String signature) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/webhooks/sms/twilio")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.forEach(request::param);
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	static String sign(String path, Map<String, String> form) {
		return sign(TOKEN, PUBLIC_URL + path, form);
	}

	static String sign(String token, String url, Map<String, String> form) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	void stop() {
		server.stop();
	}
}
