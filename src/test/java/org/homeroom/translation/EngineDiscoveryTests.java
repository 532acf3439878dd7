package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * What the engines say they serve decides the routes: a language routed to an engine that says it
 * does not translate into it is served by none, and an engine that cannot be reached keeps its
 * routes (it may be back for the next message) while the administrator is told.
 */
class EngineDiscoveryTests {

	static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

	/** An engine as the port sees it, answering what it is told to, or failing when told to. */
	static final class AnsweringEngine implements TranslationEngine {

		final String name;

		final Set<LanguagePair> pairs;

		final AtomicBoolean down = new AtomicBoolean();

		AnsweringEngine(String name, Set<LanguagePair> pairs) {
			this.name = name;
			this.pairs = pairs;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public String destination() {
			return "http://127.0.0.1:1";
		}

		@Override
		public Set<LanguagePair> languages() {
			if (down.get()) {
				throw new TranslationEngineException(name + " could not be reached (ConnectException)");
			}
			return pairs;
		}

		@Override
		public List<String> translate(List<String> texts, String source, String target) {
			throw new UnsupportedOperationException("not translated here");
		}
	}

	final AnsweringEngine libre = new AnsweringEngine("libretranslate", Set.of(new LanguagePair("en", "es"), new LanguagePair("en", "vi")));

	final AnsweringEngine google = new AnsweringEngine("google", Set.of(new LanguagePair("en", "so")));

	final TranslationSettings settings = new TranslationSettings(
			Map.of("libretranslate", new TranslationSettings.Provider("http://127.0.0.1:5000", null),
					"google", new TranslationSettings.Provider(null, "key")),
			Map.of("es", "libretranslate", "pt", "libretranslate", "so", "google"));

	final TranslationRoutes routes = new TranslationRoutes(List.of(libre, google), settings);

	final EngineDiscovery discovery = new EngineDiscovery(routes, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void beforeAnyEngineIsAskedItsRoutesAreTrusted() {
		assertThat(discovery.statuses()).extracting(EngineDiscovery.EngineStatus::state)
			.containsExactly(EngineDiscovery.State.NOT_ASKED, EngineDiscovery.State.NOT_ASKED);
		assertThat(routes.engineFor("en", "pt")).contains(libre);
	}

	@Test
	void anEngineThatSaysItDoesNotServeALanguageNoLongerGetsIt() {
		discovery.askAll();

		assertThat(routes.engineFor("en", "es-MX")).contains(libre);
		assertThat(routes.engineFor("en", "pt")).isEmpty();
		assertThat(routes.engineFor("en", "so")).contains(google);
		assertThat(routes.engineFor("en", "ht")).as("routed nowhere").isEmpty();
		assertThat(discovery.statuses()).allSatisfy(status -> {
			assertThat(status.state()).isEqualTo(EngineDiscovery.State.ANSWERED);
			assertThat(status.askedAt()).isEqualTo(NOW);
		});
	}

	@Test
	void anUnreachableEngineIsShownSoAndKeepsWhatItLastSaid() {
		discovery.askAll();
		google.down.set(true);

		discovery.askAll();

		EngineDiscovery.EngineStatus status = discovery.statuses().get(1);
		assertThat(status.state()).isEqualTo(EngineDiscovery.State.UNREACHABLE);
		assertThat(status.problem()).isEqualTo("google could not be reached (ConnectException)");
		assertThat(status.pairs()).containsExactly(new LanguagePair("en", "so"));
		assertThat(status.external()).isTrue();
		assertThat(routes.engineFor("en", "so")).contains(google);
	}
}
