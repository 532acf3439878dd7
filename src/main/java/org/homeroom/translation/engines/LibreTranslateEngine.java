package org.homeroom.translation.engines;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.homeroom.translation.LanguagePair;
import org.homeroom.translation.TranslationEngine;
import org.homeroom.translation.TranslationSettings;
import tools.jackson.databind.JsonNode;

/**
 * LibreTranslate, self-hosted: {@code POST /translate} with {@code q} as a list, so that a batch of
 * texts is one request, and {@code GET /languages}, which lists each language's {@code code} and the
 * {@code targets} it translates into. Newer servers name some languages with a script
 * ({@code zh-Hans}); Homeroom routes by primary tag, so the engine's own code is remembered and sent.
 */
final class LibreTranslateEngine implements TranslationEngine {

	static final String NAME = "LibreTranslate";

	private final String url;

	private final String apiKey;

	private final EngineHttp http;

	/** A primary tag to the code this server uses for it, learnt from {@code /languages}. */
	private final Map<String, String> codes = new ConcurrentHashMap<>();

	LibreTranslateEngine(TranslationSettings.Provider provider) {
		this.url = provider.url();
		this.apiKey = provider.apiKey();
		this.http = new EngineHttp(NAME, apiKey);
	}

	@Override
	public String name() {
		return TranslationSettings.LIBRETRANSLATE;
	}

	@Override
	public String destination() {
		return Destinations.of(url);
	}

	@Override
	public Set<LanguagePair> languages() {
		JsonNode languages = http.get(URI.create(url + "/languages"));
		if (!languages.isArray()) {
			throw http.unexpected("to /languages is not a list");
		}
		Set<LanguagePair> pairs = new HashSet<>();
		for (JsonNode language : languages) {
			String code = text(language, "code");
			if (code == null) {
				continue;
			}
			codes.put(Languages.primary(code), code);
			JsonNode targets = language.get("targets");
			if (targets == null || !targets.isArray()) {
				continue;
			}
			for (JsonNode target : targets) {
				String source = Languages.primary(code);
				String into = Languages.primary(target.asString());
				if (!source.equals(into)) {
					pairs.add(new LanguagePair(source, into));
				}
				codes.putIfAbsent(into, target.asString());
			}
		}
		return pairs;
	}

	@Override
	public List<String> translate(List<String> texts, String source, String target) {
		if (texts.isEmpty()) {
			return List.of();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("q", texts);
		body.put("source", code(source));
		body.put("target", code(target));
		body.put("format", "text");
		if (apiKey != null) {
			body.put("api_key", apiKey);
		}
		JsonNode answer = http.postJson(URI.create(url + "/translate"), body);
		JsonNode translated = answer.get("translatedText");
		if (translated == null) {
			throw http.unexpected("has no translatedText");
		}
		// A list was sent, so a list is documented back; a server that answers one string for one text is taken at its word.
		if (translated.isString() && texts.size() == 1) {
			return List.of(translated.asString());
		}
		if (!translated.isArray() || translated.size() != texts.size()) {
			throw http.unexpected("has " + (translated.isArray() ? translated.size() : "no list of") + " translations for "
					+ texts.size() + " texts");
		}
		return java.util.stream.StreamSupport.stream(translated.spliterator(), false).map(JsonNode::asString).toList();
	}

	private String code(String language) {
		return codes.getOrDefault(Languages.primary(language), Languages.primary(language));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
	}
}
