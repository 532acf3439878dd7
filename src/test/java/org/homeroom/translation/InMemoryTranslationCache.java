package org.homeroom.translation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The cache without PostgreSQL, for the fast tests; TranslationCacheIntegrationTests covers the real one. */
final class InMemoryTranslationCache extends TranslationCache {

	private final Map<String, String> entries = new HashMap<>();

	InMemoryTranslationCache() {
		super(null, null);
	}

	@Override
	Map<String, String> find(String engine, String source, String target, Collection<String> texts) {
		Map<String, String> found = new HashMap<>();
		texts.forEach(text -> {
			String cached = entries.get(key(engine, source, target, text));
			if (cached != null) {
				found.put(text, cached);
			}
		});
		return found;
	}

	@Override
	void store(String engine, String source, String target, Map<String, String> translations) {
		translations.forEach((text, translation) -> entries.putIfAbsent(key(engine, source, target, text), translation));
	}

	private static String key(String engine, String source, String target, String text) {
		return engine + "|" + source + "|" + target + "|" + text;
	}
}
