package org.homeroom.messaging.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.homeroom.messaging.MessagingSettings;
import org.homeroom.messaging.delivery.DeliveryFailure;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Messages API: one {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded,
 * with HTTP basic authentication by the account and its token, per text. Twilio answers 201 with the
 * message's {@code sid} and {@code status}, or an error as JSON with its {@code code} and
 * {@code message}. An error for this text (a 4xx: an invalid or unsubscribed number, say) fails it
 * for good; a 429 (too many requests, never processed), a 5xx, a refused connection or a timeout
 * is tried again. A 401 is tried again too: wrong credentials are the operator's to fix, and the
 * texts waiting should go once they are.
 */
@Component
class TwilioClient {

	static final String STATUS_PATH = "/webhooks/sms/twilio/status";

	/** Twilio's error for a number that texted STOP: it is an opt-out we should have known of. */
	static final int UNSUBSCRIBED_RECIPIENT = 21610;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private final SmsSettings settings;

	private final MessagingSettings messaging;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER).build();

	TwilioClient(SmsSettings settings, MessagingSettings messaging) {
		this.settings = settings;
		this.messaging = messaging;
	}

	/** What Twilio said of a text it took. */
	record Accepted(String sid, String status) {
	}

	/** Twilio did not take the text; {@code failure} says whether trying again can help. */
	static final class Refused extends Exception {

		private final DeliveryFailure failure;

		private final int twilioCode;

		Refused(DeliveryFailure failure, int twilioCode) {
			super(failure.reason(), null, false, false);
			this.failure = failure;
			this.twilioCode = twilioCode;
		}

		DeliveryFailure failure() {
			return failure;
		}

		int twilioCode() {
			return twilioCode;
		}
	}

	/** Hands one text to Twilio; never call it inside a database transaction. */
	Accepted send(String to, String body) throws Refused, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("To", to);
		form.put(settings.fromIsService() ? "MessagingServiceSid" : "From", settings.from());
		form.put("Body", body);
		form.put("StatusCallback", statusCallbackUrl());
		String encoded = form.entrySet().stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		String credentials = Base64.getEncoder()
			.encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(messagesUri())
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new Refused(new DeliveryFailure(false, 0, ex.getClass().getSimpleName(), "Twilio did not answer in time"), 0);
		}
		catch (IOException ex) {
			throw new Refused(new DeliveryFailure(false, 0, ex.getClass().getSimpleName(), "Twilio could not be reached"), 0);
		}
		return answer(response.statusCode(), response.body());
	}

	Accepted answer(int status, String body) throws Refused {
		JsonNode node = parse(body);
		if (status >= 200 && status < 300) {
			String sid = text(node, "sid");
			if (sid == null || sid.isBlank() || sid.length() > 64) {
				throw new Refused(new DeliveryFailure(false, status, "TwilioAnswer", "Twilio's answer named no message"), 0);
			}
			String state = text(node, "status");
			return new Accepted(sid, state == null ? "queued" : state);
		}
		int code = node != null && node.get("code") != null && node.get("code").canConvertToInt() ? node.get("code").asInt() : 0;
		String said = text(node, "message");
		boolean permanent = status >= 400 && status < 500 && status != 401 && status != 408 && status != 429;
		String reason = "Twilio answered HTTP " + status + (code > 0 ? ", error " + code : "")
				+ (said == null ? "" : ": " + said);
		throw new Refused(new DeliveryFailure(permanent, status, "Twilio" + status,
				DeliveryFailure.sanitized(withoutNumbers(reason))), code);
	}

	String statusCallbackUrl() {
		return stripSlash(messaging.publicUrl()) + STATUS_PATH;
	}

	private URI messagesUri() {
		return URI.create(stripSlash(settings.baseUrl()) + "/2010-04-01/Accounts/"
				+ URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		return node == null || node.get(field) == null || node.get(field).isNull() ? null : node.get(field).asString();
	}

	/** Twilio's error messages quote the number ("The 'To' number +1555… is not valid"); the report keeps none. */
	static String withoutNumbers(String text) {
		return text.replaceAll("\\+?[0-9][0-9 ()\\-]{6,}[0-9]", "[number]");
	}

	static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
