package org.homeroom.translation.engines;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.homeroom.translation.TranslationEngineException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way the engines talk HTTP: short timeouts (an unreachable engine must not hold a sender
 * or the administrator's page for long), JSON answers, and every failure turned into a
 * {@link TranslationEngineException} that names the engine and never its key, its URL's query or
 * the text sent.
 */
final class EngineHttp {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	/** Enough of an engine's own error message to say what went wrong, not enough to echo a message back. */
	private static final int MAX_DETAIL = 200;

	private final String engine;

	private final String secret;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER).build();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param engine the engine's name as people read it ("LibreTranslate"), for messages
	 * @param secret the engine's key, if any, so that it is cut from anything the engine says back
	 */
	EngineHttp(String engine, String secret) {
		this.engine = engine;
		this.secret = secret;
	}

	JsonNode get(URI uri) {
		return send(HttpRequest.newBuilder(uri).GET());
	}

	JsonNode postJson(URI uri, Object body) {
		return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)));
	}

	/** A form body; a name may repeat (Google's {@code q}), so the fields are a list of pairs. */
	JsonNode postForm(URI uri, List<Map.Entry<String, String>> fields) {
		return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields), StandardCharsets.UTF_8)));
	}

	static String form(List<Map.Entry<String, String>> fields) {
		return fields.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private JsonNode send(HttpRequest.Builder request) {
		HttpResponse<String> response;
		try {
			response = http.send(request.timeout(READ_TIMEOUT).header("Accept", "application/json").build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new TranslationEngineException(engine + " did not answer within " + READ_TIMEOUT.toSeconds() + " s");
		}
		catch (IOException ex) {
			// The exception's own message may carry the address with its query (Google's key): leave it out.
			throw new TranslationEngineException(engine + " could not be reached (" + ex.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TranslationEngineException(engine + " was not asked: the request was interrupted");
		}
		JsonNode body = parse(response.body());
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			String said = errorText(body);
			throw new TranslationEngineException(engine + " answered HTTP " + status + meaning(status)
					+ (said == null ? "" : ": " + cleaned(said)));
		}
		if (body == null) {
			throw new TranslationEngineException(engine + " answered with something that is not JSON");
		}
		return body;
	}

	/** A sentence for the administrator about the statuses engines document. */
	private static String meaning(int status) {
		return switch (status) {
			case 400 -> " (it refused the request)";
			case 401, 403 -> " (its key was refused or is missing)";
			case 429 -> " (too many requests; try again later)";
			default -> status >= 500 ? " (the engine failed)" : "";
		};
	}

	/** LibreTranslate's {@code error}, Google's {@code error.message}, APy's {@code explanation}. */
	private static String errorText(JsonNode body) {
		if (body == null) {
			return null;
		}
		JsonNode error = body.get("error");
		if (error != null && error.isString()) {
			return error.asString();
		}
		if (error != null && error.get("message") != null) {
			return error.get("message").asString();
		}
		if (body.get("explanation") != null && !body.get("explanation").isNull()) {
			return body.get("explanation").asString();
		}
		return body.get("message") == null ? null : body.get("message").asString();
	}

	private String cleaned(String said) {
		String text = secret == null ? said : said.replace(secret, "[key]");
		text = text.replaceAll("[\\p{Cntrl}]", " ").strip();
		return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
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

	/** The engine answered 2xx but not as documented. */
	TranslationEngineException unexpected(String what) {
		return new TranslationEngineException(engine + "'s answer " + what);
	}
}
