package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Viewer;
import org.homeroom.translation.Translation.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cache on PostgreSQL: a text an engine has translated is never sent to it again, on this node
 * or another, and a change to the glossary is never answered from a result made before it.
 */
@IntegrationTest(properties = "homeroom.translation.routes.es=recording")
@Import(TranslationCacheIntegrationTests.Engine.class)
class TranslationCacheIntegrationTests {

	@TestConfiguration
	static class Engine {

		@Bean
		RecordingEngine recordingEngine() {
			return new RecordingEngine("recording");
		}
	}

	@Autowired
	Translations translations;

	@Autowired
	Glossary glossary;

	@Autowired
	RecordingEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TranslationCacheRetention retention;

	@AfterEach
	void forget() {
		jdbc.sql("delete from translation.cached_translation").update();
		jdbc.sql("delete from translation.glossary_term").update();
		engine.forget();
	}

	@Test
	void theSecondTranslationOfAMessageAsksTheEngineNothing() {
		List<String> message = List.of("The school will close at noon tomorrow.", "Dear {guardianName}, {studentName} may leave at noon.");

		Translation first = translations.translate(message, "en", List.of("es")).get("es");
		Translation second = translations.translate(message, "en", List.of("es", "es-MX")).get("es-MX");

		assertThat(engine.requests()).hasSize(1);
		assertThat(second).isEqualTo(new Translation("es-MX", first.texts(), Kind.MACHINE, "recording"));
		assertThat(second.text(1)).isEqualTo("es: Dear {guardianName}, {studentName} may leave at noon.");
		assertThat(jdbc.sql("select count(*) from translation.cached_translation where engine = 'recording' and source = 'en' and target = 'es'")
			.query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from translation.cached_translation where translation like '%guardianName%'")
			.query(Long.class).single()).as("the cache holds markers, never placeholders or names").isZero();
	}

	@Test
	void aGlossaryChangeIsNeverAnsweredFromTheCache() {
		String text = "Vote in the referendum at Lincoln Elementary.";
		assertThat(translations.translate(text, "en", List.of("es")).get("es").text(0))
			.isEqualTo("es: Vote in the referendum at Lincoln Elementary.");

		glossary.save(Viewer.districtAdministrator(), null, new Glossary.Draft("referendum", false, Map.of("es", "consulta popular")));
		glossary.save(Viewer.districtAdministrator(), null, new Glossary.Draft("Lincoln Elementary", true, Map.of()));
		Translation after = translations.translate(text, "en", List.of("es")).get("es");

		assertThat(engine.requests()).hasSize(2);
		assertThat(engine.requests().get(1).texts()).containsExactly("Vote in the ⟦0⟧ at ⟦1⟧.");
		assertThat(after.text(0)).isEqualTo("es: Vote in the consulta popular at Lincoln Elementary.");

		translations.translate(text, "en", List.of("es"));
		assertThat(engine.requests()).as("and the new result is cached in its turn").hasSize(2);
	}

	@Test
	void retentionDeletesWhatWasCachedMoreThanATermAgoAndTheEngineIsAskedAgain() {
		String text = "Picture day is on Friday.";
		translations.translate(text, "en", List.of("es"));
		jdbc.sql("update translation.cached_translation set created_at = now() - interval '91 days'").update();
		String recent = "Bring a jacket for the field trip.";
		translations.translate(recent, "en", List.of("es"));

		assertThat(retention.deleteExpired(java.time.Instant.now())).isEqualTo(1);

		translations.translate(List.of(text, recent), "en", List.of("es"));
		assertThat(engine.requests()).hasSize(3);
		assertThat(engine.requests().get(2).texts()).as("only the forgotten text is asked again").containsExactly(text);
	}
}
