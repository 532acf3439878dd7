package org.homeroom.messaging.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.homeroom.messaging.MessagingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Twilio's webhooks: inbound texts and delivery status. Nobody signs in to them; each request must
 * carry {@code X-Twilio-Signature} made with the account's auth token over Homeroom's public
 * address of the webhook (never the Host the request claims) and its POST parameters. A request
 * without it, or with a wrong one, answers 403 and changes nothing; a request of absurd size
 * answers 400 before anything is read.
 */
@Controller
class TwilioWebhookController {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

	static final String INBOUND_PATH = "/webhooks/sms/twilio";

	static final String SIGNATURE_HEADER = "X-Twilio-Signature";

	private static final int MOST_PARAMETERS = 60;

	private static final int LONGEST_NAME = 64;

	/** Twilio's longest body is 1,600 characters; no parameter it sends is longer. */
	private static final int LONGEST_VALUE = 1_600;

	private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");

	private static final Pattern ADDRESS = Pattern.compile("[^\\p{Cntrl}]{1,64}");

	private static final Pattern STATUS = Pattern.compile("[a-z_-]{1,32}");

	private static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,10}");

	private final SmsSettings settings;

	private final MessagingSettings messaging;

	private final SmsInbound inbound;

	private final SmsStatusCallbacks statuses;

	TwilioWebhookController(SmsSettings settings, MessagingSettings messaging, SmsInbound inbound,
			SmsStatusCallbacks statuses) {
		this.settings = settings;
		this.messaging = messaging;
		this.inbound = inbound;
		this.statuses = statuses;
	}

	@PostMapping(INBOUND_PATH)
	ResponseEntity<String> inbound(HttpServletRequest request) {
		Map<String, List<String>> form = postParameters(request);
		ResponseEntity<String> refused = refusal(request, form);
		if (refused != null) {
			return refused;
		}
		String sid = one(form, "MessageSid");
		String from = one(form, "From");
		String body = one(form, "Body");
		String to = one(form, "To");
		if (sid == null || !SID.matcher(sid).matches()) {
			return badRequest("MessageSid");
		}
		if (from == null || !ADDRESS.matcher(from).matches()) {
			return badRequest("From");
		}
		if (to != null && !ADDRESS.matcher(to).matches()) {
			return badRequest("To");
		}
		inbound.receive(sid, from, to, body == null ? "" : body);
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
	}

	@PostMapping(TwilioClient.STATUS_PATH)
	ResponseEntity<String> status(HttpServletRequest request) {
		Map<String, List<String>> form = postParameters(request);
		ResponseEntity<String> refused = refusal(request, form);
		if (refused != null) {
			return refused;
		}
		String sid = one(form, "MessageSid");
		String status = one(form, "MessageStatus");
		String errorCode = one(form, "ErrorCode");
		if (sid == null || !SID.matcher(sid).matches()) {
			return badRequest("MessageSid");
		}
		if (status == null || !STATUS.matcher(status).matches()) {
			return badRequest("MessageStatus");
		}
		if (errorCode != null && !errorCode.isEmpty() && !ERROR_CODE.matcher(errorCode).matches()) {
			return badRequest("ErrorCode");
		}
		String code = errorCode == null || errorCode.isEmpty() ? null : errorCode;
		if (!statuses.heard(sid, status, code)) {
			log.debug("Status callback for a message whose sid is not stored (yet): kept ({})", sid);
		}
		return ResponseEntity.noContent().build();
	}

	/** 400 for absurd input, 403 for a missing or wrong signature, null for a request to act on. */
	private ResponseEntity<String> refusal(HttpServletRequest request, Map<String, List<String>> form) {
		if (form == null) {
			return badRequest("parameters");
		}
		String url = TwilioClient.stripSlash(messaging.publicUrl()) + request.getRequestURI()
				+ (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		if (!settings.configured() || !TwilioSignature.valid(settings.authToken(), url, form, request.getHeader(SIGNATURE_HEADER))) {
			log.warn("Refused a webhook at {} without a valid {}", request.getRequestURI(), SIGNATURE_HEADER);
			return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("Forbidden");
		}
		return null;
	}

	/**
	 * The parameters of the POST body: the servlet's parameters, which mix in the query string's,
	 * less the query string's own (Twilio signs those as part of the URL). Null when there are
	 * more, or longer, than Twilio ever sends.
	 */
	static Map<String, List<String>> postParameters(HttpServletRequest request) {
		Map<String, String[]> all = request.getParameterMap();
		if (all.size() > MOST_PARAMETERS) {
			return null;
		}
		Map<String, List<String>> query = new LinkedHashMap<>();
		String queryString = request.getQueryString();
		if (queryString != null && queryString.length() <= 4_000) {
			for (String pair : queryString.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
				String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
			}
		}
		else if (queryString != null) {
			return null;
		}
		Map<String, List<String>> form = new LinkedHashMap<>();
		for (Map.Entry<String, String[]> parameter : all.entrySet()) {
			if (parameter.getKey().length() > LONGEST_NAME || parameter.getValue().length > 10) {
				return null;
			}
			List<String> values = new ArrayList<>();
			for (String value : parameter.getValue()) {
				if (value.length() > LONGEST_VALUE) {
					return null;
				}
				values.add(value);
			}
			query.getOrDefault(parameter.getKey(), List.of()).forEach(values::remove);
			if (!values.isEmpty()) {
				form.put(parameter.getKey(), values);
			}
		}
		return form;
	}

	private static String one(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	private static ResponseEntity<String> badRequest(String field) {
		return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("Invalid or too large: " + field);
	}
}
