package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.homeroom.IntegrationTest;
import org.homeroom.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Through the real Apertium APy that {@code .ci/run} installs from Debian and starts on loopback
 * (its address in {@code HOMEROOM_TEST_APERTIUM_URL}): Homeroom configured by its settings alone
 * asks APy what it serves and routes Spanish to it, and a real message goes from English to
 * Spanish and back. In CI a missing APy fails this test rather than skipping it.
 */
@IntegrationTest
class ApertiumIntegrationTests {

	static final String APERTIUM_URL = System.getenv("HOMEROOM_TEST_APERTIUM_URL");

	@DynamicPropertySource
	static void apertium(DynamicPropertyRegistry registry) {
		if (APERTIUM_URL != null && !APERTIUM_URL.isBlank()) {
			registry.add("homeroom.translation.providers.apertium.url", () -> APERTIUM_URL);
			registry.add("homeroom.translation.routes", () -> "es=apertium, en=apertium");
		}
	}

	@Autowired
	TranslationRoutes routes;

	@Autowired
	EngineDiscovery discovery;

	@BeforeEach
	void apertiumIsThere() {
		Prerequisites.require(APERTIUM_URL != null && !APERTIUM_URL.isBlank(),
				"Apertium APy (HOMEROOM_TEST_APERTIUM_URL; .ci/run starts it)");
	}

	@Test
	void apertiumSaysItServesEnglishToSpanishAndBack() {
		discovery.askAll();

		EngineDiscovery.EngineStatus status = discovery.statuses().get(0);
		assertThat(status.engine().name()).isEqualTo("apertium");
		assertThat(status.state()).as(String.valueOf(status.problem())).isEqualTo(EngineDiscovery.State.ANSWERED);
		assertThat(status.pairs()).contains(new LanguagePair("en", "es"), new LanguagePair("es", "en"));
		assertThat(status.askedAt()).isNotNull();
	}

	@Test
	void aMessageReachesSpanishAndComesBackToEnglish() {
		discovery.askAll();
		TranslationEngine engine = routes.engineFor("en", "es-MX").orElseThrow();
		assertThat(engine.name()).isEqualTo("apertium");

		List<String> spanish = engine.translate(List.of("The school will close at noon tomorrow."), "en", "es-MX");

		assertThat(spanish).hasSize(1);
		assertThat(spanish.get(0)).as("rule-based, word by word, but Spanish").contains("La escuela", "cerrará", "mañana")
			.doesNotContain("school", "*");

		List<String> english = routes.engineFor("es", "en").orElseThrow().translate(spanish, "es", "en");

		assertThat(english.get(0)).contains("The school will close", "tomorrow");
	}

	@Test
	void aPairApertiumDoesNotServeIsNotRoutedToIt() {
		discovery.askAll();

		assertThat(routes.engineFor("en", "so")).as("Somali is routed nowhere").isEmpty();
		assertThat(routes.engineFor("vi", "es")).as("APy has no Vietnamese to Spanish").isEmpty();
	}
}
