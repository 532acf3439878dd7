package org.homeroom.translation;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The engines a district configured and which one serves each language. An engine without a URL is
 * not configured, and nothing is ever sent to it.
 *
 * @param providers by name ({@code libretranslate}, {@code apertium}, {@code google}): its URL and key
 * @param routes a family language's primary tag to the name of the engine that translates into it,
 *     e.g. {@code es=libretranslate, so=google}
 */
@ConfigurationProperties("homeroom.translation")
public record TranslationSettings(Map<String, Provider> providers, Map<String, String> routes) {

	public TranslationSettings {
		providers = providers == null ? Map.of() : Map.copyOf(providers);
		routes = routes == null ? Map.of() : Map.copyOf(routes);
	}

	/** One engine's address and, where it needs one, its key (never logged). */
	public record Provider(String url, String apiKey) {

		public boolean configured() {
			return url != null && !url.isBlank();
		}
	}
}
