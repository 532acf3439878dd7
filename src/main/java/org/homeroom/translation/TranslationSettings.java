package org.homeroom.translation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The engines a district configured and which one serves each language. An engine without a URL is
 * not configured, and nothing is ever sent to it; Google, which lives outside the district, is
 * configured only by its key. A route to an engine that is unknown or not configured stops
 * start-up ({@link TranslationRoutes}, which knows the engines there are): a district that thinks
 * its Somali families are served must not find out from them.
 *
 * @param providers by name ({@code libretranslate}, {@code apertium}, {@code google}): its URL and key
 * @param routes a family language's primary tag to the name of the engine that translates into it,
 *     e.g. {@code es=libretranslate, so=google} (one string in {@code HOMEROOM_TRANSLATION_ROUTES},
 *     read by {@link RouteListConverter})
 */
@ConfigurationProperties("homeroom.translation")
public record TranslationSettings(Map<String, Provider> providers, Map<String, String> routes) {

	public static final String LIBRETRANSLATE = "libretranslate";

	public static final String APERTIUM = "apertium";

	public static final String GOOGLE = "google";

	/** The engines Homeroom has a client for, in the order the administrator's page shows them. */
	public static final List<String> ENGINES = List.of(LIBRETRANSLATE, APERTIUM, GOOGLE);

	/** Used only once an administrator has set Google's key. */
	public static final String GOOGLE_DEFAULT_URL = "https://translation.googleapis.com";

	public TranslationSettings {
		providers = providers == null ? Map.of() : normalised(providers);
		routes = routes == null ? Map.of() : Map.copyOf(new TreeMap<>(RouteListConverter.checked(routes)));
		for (String name : providers.keySet()) {
			if (!ENGINES.contains(name)) {
				throw new IllegalArgumentException("homeroom.translation.providers." + name
						+ " is not an engine Homeroom knows; use one of " + String.join(", ", ENGINES));
			}
		}
		Provider google = providers.get(GOOGLE);
		if (google != null && google.hasUrl() && !google.hasKey()) {
			throw new IllegalArgumentException("homeroom.translation.providers.google.url is set but its api-key is not "
					+ "(HOMEROOM_TRANSLATION_PROVIDERS_GOOGLE_API_KEY); Google Cloud Translation needs one");
		}
	}

	/** The engine's settings, when an administrator configured it: nothing is sent to any other. */
	public java.util.Optional<Provider> configured(String engine) {
		return configured(providers, engine) ? java.util.Optional.of(providers.get(engine)) : java.util.Optional.empty();
	}

	/** The names of the configured engines, in {@link #ENGINES} order. */
	public List<String> configuredEngines() {
		return ENGINES.stream().filter(name -> configured(providers, name)).toList();
	}

	private static boolean configured(Map<String, Provider> providers, String engine) {
		Provider provider = providers.get(engine);
		return provider != null && (GOOGLE.equals(engine) ? provider.hasKey() : provider.hasUrl());
	}

	private static Map<String, Provider> normalised(Map<String, Provider> providers) {
		Map<String, Provider> byName = new LinkedHashMap<>();
		providers.forEach((name, provider) -> {
			String key = name.strip().toLowerCase(java.util.Locale.ROOT);
			Provider value = provider == null ? new Provider(null, null) : provider;
			byName.put(key, GOOGLE.equals(key) && value.hasKey() && !value.hasUrl() ? new Provider(GOOGLE_DEFAULT_URL, value.apiKey()) : value);
		});
		return Map.copyOf(byName);
	}

	/** One engine's address and, where it needs one, its key (never logged, never shown). */
	public record Provider(String url, String apiKey) {

		private static final Set<String> SCHEMES = Set.of("http", "https");

		public Provider {
			url = url == null || url.isBlank() ? null : url.strip();
			apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
			if (url != null) {
				java.net.URI uri;
				try {
					uri = java.net.URI.create(url);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("a translation engine's url is not a URL: " + url);
				}
				if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
						|| uri.getHost() == null) {
					throw new IllegalArgumentException("a translation engine's url must be http(s)://host[:port][/path]: " + url);
				}
				url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
			}
		}

		public boolean configured() {
			return url != null;
		}

		boolean hasUrl() {
			return url != null;
		}

		boolean hasKey() {
			return apiKey != null;
		}

		/** The key stays out of every log line and page that prints a setting. */
		@Override
		public String toString() {
			return "Provider[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
		}
	}
}
