package org.homeroom.translation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.shared.LanguageTag;
import org.springframework.stereotype.Component;

/**
 * Which engine translates into which language. A language is served when the district routed it to
 * a configured engine and that engine, when last asked, said it serves the pair. An engine not yet
 * asked (or unreachable when asked) is trusted with its routes until it answers otherwise.
 */
@Component
public class TranslationRoutes {

	private final Map<String, TranslationEngine> engines;

	private final Map<String, String> routes;

	private final Map<String, Set<LanguagePair>> served = new ConcurrentHashMap<>();

	public TranslationRoutes(List<TranslationEngine> engines, TranslationSettings settings) {
		this.engines = engines.stream().collect(Collectors.toUnmodifiableMap(TranslationEngine::name, Function.identity()));
		this.routes = settings.routes();
		for (Map.Entry<String, String> route : routes.entrySet()) {
			String engine = route.getValue();
			if (this.engines.containsKey(engine)) {
				continue;
			}
			if (!TranslationSettings.ENGINES.contains(engine)) {
				throw new IllegalStateException("homeroom.translation.routes sends '" + route.getKey() + "' to '" + engine
						+ "', which is not an engine Homeroom knows; use one of " + String.join(", ", TranslationSettings.ENGINES));
			}
			throw new IllegalStateException("homeroom.translation.routes sends '" + route.getKey() + "' to " + engine
					+ ", which is not configured: set homeroom.translation.providers." + engine
					+ (TranslationSettings.GOOGLE.equals(engine) ? ".api-key" : ".url"));
		}
	}

	/** The engine that translates from {@code source} into {@code target}, if any does. */
	public Optional<TranslationEngine> engineFor(String source, String target) {
		return Optional.ofNullable(routes.get(LanguageTag.of(target).language()))
			.map(engines::get)
			.filter(engine -> {
				Set<LanguagePair> pairs = served.get(engine.name());
				return pairs == null || pairs.contains(new LanguagePair(LanguageTag.of(source).language(), LanguageTag.of(target).language()));
			});
	}

	/** The name of the engine the district routed a language to, whether or not that engine serves it. */
	public Optional<String> routeFor(String target) {
		return Optional.ofNullable(routes.get(LanguageTag.of(target).language()));
	}

	/** The configured engines, in the order the administrator's page lists them. */
	public List<TranslationEngine> engines() {
		return TranslationSettings.ENGINES.stream().filter(engines::containsKey).map(engines::get).toList();
	}

	/** Records what an engine said it serves (asked at start-up and from the administrator's page). */
	public void served(String engine, Set<LanguagePair> pairs) {
		served.put(engine, Set.copyOf(pairs));
	}
}
