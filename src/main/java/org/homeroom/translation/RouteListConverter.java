package org.homeroom.translation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads {@code homeroom.translation.routes} given as one string, as an environment variable must
 * give it: {@code HOMEROOM_TRANSLATION_ROUTES="es=libretranslate, so=google"}. A malformed entry
 * stops start-up with the entry quoted, rather than leaving a language silently unrouted.
 */
@Component
@ConfigurationPropertiesBinding
class RouteListConverter implements Converter<String, Map<String, String>> {

	/** A BCP 47 primary language subtag: routes are per language, not per region. */
	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

	private static final Pattern ENGINE = Pattern.compile("[a-z]{1,32}");

	@Override
	public Map<String, String> convert(String source) {
		Map<String, String> routes = new LinkedHashMap<>();
		for (String entry : source.split("[,;\\s]+")) {
			if (entry.isBlank()) {
				continue;
			}
			int equals = entry.indexOf('=');
			if (equals <= 0 || equals == entry.length() - 1 || entry.indexOf('=', equals + 1) >= 0) {
				throw new IllegalArgumentException("homeroom.translation.routes: '" + entry
						+ "' is not language=engine (e.g. es=libretranslate, so=google)");
			}
			String language = entry.substring(0, equals);
			if (routes.put(language.strip().toLowerCase(Locale.ROOT), entry.substring(equals + 1)) != null) {
				throw new IllegalArgumentException("homeroom.translation.routes names '" + language + "' twice");
			}
		}
		return checked(routes);
	}

	/** The routes with lower-case names, each checked to be a language and an engine's name. */
	static Map<String, String> checked(Map<String, String> routes) {
		Map<String, String> checked = new LinkedHashMap<>();
		routes.forEach((language, engine) -> {
			String tag = language.strip().toLowerCase(Locale.ROOT);
			String name = engine == null ? "" : engine.strip().toLowerCase(Locale.ROOT);
			if (!LANGUAGE.matcher(tag).matches()) {
				throw new IllegalArgumentException("homeroom.translation.routes: '" + language
						+ "' is not a language's primary tag (two or three letters, e.g. es, so, hmn)");
			}
			if (!ENGINE.matcher(name).matches()) {
				throw new IllegalArgumentException("homeroom.translation.routes: '" + language + "=" + engine
						+ "' does not name an engine");
			}
			checked.put(tag, name);
		});
		return checked;
	}
}
