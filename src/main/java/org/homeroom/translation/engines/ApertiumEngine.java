package org.homeroom.translation.engines;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.homeroom.translation.LanguagePair;
import org.homeroom.translation.TranslationEngine;
import org.homeroom.translation.TranslationSettings;
import tools.jackson.databind.JsonNode;

/**
 * Apertium APy, self-hosted and rule-based (Debian packages it): {@code /translate} with
 * {@code langpair=eng|spa}, {@code q} and {@code markUnknown=no} (so that an unknown word comes out as
 * itself, not as {@code *word}), and {@code /listPairs}. APy takes the same parameters by GET or
 * POST; Homeroom posts them, so that a family's message never sits in a URL or an access log, and
 * a long announcement never meets a URL length limit. APy translates one text per call.
 */
final class ApertiumEngine implements TranslationEngine {

	static final String NAME = "Apertium";

	private final String url;

	private final EngineHttp http;

	/** Homeroom's pair to the codes APy listed for it ({@code eng|spa}), learnt from {@code /listPairs}. */
	private final Map<LanguagePair, String> langpairs = new ConcurrentHashMap<>();

	ApertiumEngine(TranslationSettings.Provider provider) {
		this.url = provider.url();
		this.http = new EngineHttp(NAME, provider.apiKey());
	}

	@Override
	public String name() {
		return TranslationSettings.APERTIUM;
	}

	@Override
	public String destination() {
		return Destinations.of(url);
	}

	@Override
	public Set<LanguagePair> languages() {
		JsonNode pairs = http.get(URI.create(url + "/listPairs")).get("responseData");
		if (pairs == null || !pairs.isArray()) {
			throw http.unexpected("to /listPairs has no responseData list");
		}
		Set<LanguagePair> served = new HashSet<>();
		for (JsonNode pair : pairs) {
			JsonNode from = pair.get("sourceLanguage");
			JsonNode into = pair.get("targetLanguage");
			if (from == null || into == null || from.asString().isBlank() || into.asString().isBlank()) {
				continue;
			}
			LanguagePair ours = new LanguagePair(Languages.fromApertium(from.asString()), Languages.fromApertium(into.asString()));
			String theirs = from.asString() + "|" + into.asString();
			served.add(ours);
			// A plain pair (eng|spa) is preferred over a regional variant (spa|eng_US) of the same languages.
			langpairs.merge(ours, theirs, (known, other) -> other.contains("_") ? known : other);
		}
		return served;
	}

	@Override
	public List<String> translate(List<String> texts, String source, String target) {
		String langpair = langpairs.getOrDefault(new LanguagePair(Languages.primary(source), Languages.primary(target)),
				Languages.toApertium(source) + "|" + Languages.toApertium(target));
		List<String> translated = new ArrayList<>(texts.size());
		for (String text : texts) {
			JsonNode answer = http.postForm(URI.create(url + "/translate"),
					List.of(Map.entry("langpair", langpair), Map.entry("q", text), Map.entry("markUnknown", "no")));
			JsonNode data = answer.get("responseData");
			JsonNode value = data == null ? null : data.get("translatedText");
			if (value == null || value.isNull()) {
				throw http.unexpected("has no responseData.translatedText");
			}
			translated.add(value.asString());
		}
		return translated;
	}
}
