package org.homeroom.translation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks each configured engine which pairs it serves, and tells {@link TranslationRoutes}: once the
 * application is ready (on a thread of its own, so that a slow engine never holds start-up, and
 * outside any transaction), and whenever an administrator presses "Check again". What each engine
 * said, or that it could not be reached, is kept for the administrator's page.
 */
@Component
class EngineDiscovery {

	private static final Logger log = LoggerFactory.getLogger(EngineDiscovery.class);

	private final TranslationRoutes routes;

	private final java.time.Clock clock;

	private final Map<String, EngineStatus> statuses = new ConcurrentHashMap<>();

	EngineDiscovery(TranslationRoutes routes, java.time.Clock clock) {
		this.routes = routes;
		this.clock = clock;
	}

	/** What is known of an engine; {@code askedAt} is null until it has been asked. */
	record EngineStatus(TranslationEngine engine, State state, Set<LanguagePair> pairs, Instant askedAt, String problem) {

		boolean external() {
			return TranslationSettings.GOOGLE.equals(engine.name());
		}
	}

	enum State {
		NOT_ASKED, ANSWERED, UNREACHABLE
	}

	@EventListener(ApplicationReadyEvent.class)
	void askWhenReady() {
		if (routes.engines().isEmpty()) {
			return;
		}
		Thread thread = new Thread(this::askAll, "translation-discovery");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Asks every configured engine at once, each on a thread of its own, so that the administrator
	 * waits for the slowest engine (at most its timeouts), not for the sum of them.
	 */
	synchronized void askAll() {
		java.util.concurrent.CompletableFuture.allOf(routes.engines().stream()
			.map(engine -> java.util.concurrent.CompletableFuture.runAsync(() -> ask(engine), task -> {
				Thread thread = new Thread(task, "translation-discovery-" + engine.name());
				thread.setDaemon(true);
				thread.start();
			}))
			.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
	}

	private void ask(TranslationEngine engine) {
		Instant asked = clock.instant();
		try {
			Set<LanguagePair> pairs = engine.languages();
			routes.served(engine.name(), pairs);
			statuses.put(engine.name(), new EngineStatus(engine, State.ANSWERED, Set.copyOf(pairs), asked, null));
			log.info("Translation engine {} at {} serves {} language pairs", engine.name(), engine.destination(), pairs.size());
		}
		catch (TranslationEngineException ex) {
			// What it served before, if it ever answered, still stands: routes keep trusting it until it says otherwise.
			EngineStatus before = statuses.get(engine.name());
			Set<LanguagePair> known = before == null ? Set.of() : before.pairs();
			statuses.put(engine.name(), new EngineStatus(engine, State.UNREACHABLE, known, asked, ex.getMessage()));
			log.warn("Translation engine {} could not tell which languages it serves: {}", engine.name(), ex.getMessage());
		}
	}

	/** Each configured engine, in the page's order, with what it last said. */
	List<EngineStatus> statuses() {
		return routes.engines().stream()
			.map(engine -> statuses.getOrDefault(engine.name(), new EngineStatus(engine, State.NOT_ASKED, Set.of(), null, null)))
			.toList();
	}
}
