package org.homeroom.translation.engines;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.homeroom.translation.LanguagePair;
import org.homeroom.translation.TranslationEngine;
import org.homeroom.translation.TranslationSettings;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Google Cloud Translation, Basic edition (v2 REST), for the languages the district's own engines
 * lack (Somali, Haitian Creole): {@code POST /language/translate/v2} with the key, {@code q} repeated
 * once per text, {@code source}, {@code target} and {@code format=text}, answered by
 * {@code {"data":{"translations":[{"translatedText":…}]}}} in order; and
 * {@code GET /language/translate/v2/languages}. The text leaves the district's servers. The key
 * goes in the form body of a translation, never in a URL that a proxy could log; the language list
 * is a GET, whose key is in its query, so its URL is never put in a message.
 */
final class GoogleTranslateEngine implements TranslationEngine {

	static final String NAME = "Google Cloud Translation";

	private static final String PATH = "/language/translate/v2";

	private final String url;

	private final String apiKey;

	private final EngineHttp http;

	GoogleTranslateEngine(TranslationSettings.Provider provider) {
		this.url = provider.url();
		this.apiKey = provider.apiKey();
		this.http = new EngineHttp(NAME, apiKey);
	}

	@Override
	public String name() {
		return TranslationSettings.GOOGLE;
	}

	@Override
	public String destination() {
		return Destinations.of(url);
	}

	/** Google translates between any two languages it lists, so every ordered pair of them is served. */
	@Override
	public Set<LanguagePair> languages() {
		JsonNode answer = http.get(URI.create(url + PATH + "/languages?key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8)));
		JsonNode data = answer.has("data") ? answer.get("data") : answer;
		JsonNode languages = data.get("languages");
		if (languages == null || !languages.isArray()) {
			throw http.unexpected("to /languages has no data.languages list");
		}
		Set<String> codes = new HashSet<>();
		for (JsonNode language : languages) {
			JsonNode code = language.get("language");
			if (code != null && !code.asString().isBlank()) {
				codes.add(Languages.primary(code.asString()));
			}
		}
		Set<LanguagePair> pairs = new HashSet<>();
		for (String from : codes) {
			for (String into : codes) {
				if (!from.equals(into)) {
					pairs.add(new LanguagePair(from, into));
				}
			}
		}
		return pairs;
	}

	@Override
	public List<String> translate(List<String> texts, String source, String target) {
		if (texts.isEmpty()) {
			return List.of();
		}
		List<Map.Entry<String, String>> form = new ArrayList<>();
		form.add(Map.entry("key", apiKey));
		texts.forEach(text -> form.add(Map.entry("q", text)));
		form.add(Map.entry("source", Languages.primary(source)));
		form.add(Map.entry("target", Languages.primary(target)));
		form.add(Map.entry("format", "text"));
		JsonNode answer = http.postForm(URI.create(url + PATH), form);
		JsonNode data = answer.get("data");
		JsonNode translations = data == null ? null : data.get("translations");
		if (translations == null || !translations.isArray() || translations.size() != texts.size()) {
			throw http.unexpected("has " + (translations == null || !translations.isArray() ? "no" : translations.size())
					+ " translations for " + texts.size() + " texts");
		}
		List<String> translated = new ArrayList<>(texts.size());
		for (JsonNode translation : translations) {
			JsonNode text = translation.get("translatedText");
			if (text == null || text.isNull()) {
				throw http.unexpected("has a translation without translatedText");
			}
			// Google has been seen to answer entities (&#39;, &quot;) even for format=text; a family must read quotes, not codes.
			translated.add(HtmlUtils.htmlUnescape(text.asString()));
		}
		return translated;
	}
}
