package org.homeroom.translation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.Viewer;
import org.homeroom.translation.Translation.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The district glossary around engines that have none of their own: through the LibreTranslate and
 * Google clients, each at a loopback server that answers as its documented API does, a name that is
 * never translated reaches the engine only as a marker and comes back as written, and a term of art
 * comes back as the district's fixed translation. (Through the real Apertium APy the same is shown
 * by {@code AnnouncementThroughApertiumIntegrationTests}.)
 */
@IntegrationTest
class GlossaryThroughEveryEngineIntegrationTests {

	static final String GOOGLE_KEY = "glossary-google-key";

	static final WireMockServer LIBRETRANSLATE = started();

	static final WireMockServer GOOGLE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void engines(DynamicPropertyRegistry registry) {
		LIBRETRANSLATE.stubFor(get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("[{\"code\": \"en\", \"name\": \"English\", \"targets\": [\"es\"]}]")));
		GOOGLE.stubFor(get(urlPathEqualTo("/language/translate/v2/languages")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"data\": {\"languages\": [{\"language\": \"en\"}, {\"language\": \"vi\"}]}}")));
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		registry.add("homeroom.translation.providers.google.url", GOOGLE::baseUrl);
		registry.add("homeroom.translation.providers.google.api-key", () -> GOOGLE_KEY);
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, vi=google");
	}

	@AfterAll
	static void stop() {
		LIBRETRANSLATE.stop();
		GOOGLE.stop();
	}

	@Autowired
	Translations translations;

	@Autowired
	Glossary glossary;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNameIsKeptAndATermOfArtGetsItsFixedTranslationWhicheverEngineTranslates() {
		String school = "Lincoln Elementary " + UUID.randomUUID().toString().substring(0, 8);
		glossary.save(Viewer.districtAdministrator(), null, new Glossary.Draft(school, true, Map.of()));
		glossary.save(Viewer.districtAdministrator(), null,
				new Glossary.Draft("referendum", false, Map.of("es", "consulta popular", "vi", "trưng cầu dân ý")));
		// Each engine answers as a real one would: it translates the words and leaves the markers alone.
		LIBRETRANSLATE.stubFor(post(urlPathEqualTo("/translate")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"translatedText\": [\"Vote en el ⟦0⟧ en ⟦1⟧ el martes.\"]}")));
		GOOGLE.stubFor(post(urlPathEqualTo("/language/translate/v2")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"data\": {\"translations\": [{\"translatedText\": \"Hãy bỏ phiếu cho ⟦0⟧ tại ⟦1⟧ vào thứ Ba.\"}]}}")));

		Map<String, Translation> result = translations.translate("Vote in the referendum at " + school + " on Tuesday.", "en",
				List.of("es", "vi"));

		assertThat(result.get("es")).isEqualTo(new Translation("es",
				List.of("Vote en el consulta popular en " + school + " el martes."), Kind.MACHINE, "libretranslate"));
		assertThat(result.get("vi")).isEqualTo(new Translation("vi",
				List.of("Hãy bỏ phiếu cho trưng cầu dân ý tại " + school + " vào thứ Ba."), Kind.MACHINE, "google"));
		assertThat(sentTo(LIBRETRANSLATE)).as("LibreTranslate is sent markers, never the name or the term")
			.contains("⟦0⟧", "⟦1⟧").doesNotContain("Lincoln", "referendum");
		assertThat(sentTo(GOOGLE)).as("nor is Google").contains("⟦0⟧", "⟦1⟧").doesNotContain("Lincoln", "referendum");
	}

	/** What the engine was sent to translate, decoded (LibreTranslate takes JSON, Google a form). */
	private static String sentTo(WireMockServer engine) {
		return engine.getAllServeEvents().stream().map(ServeEvent::getRequest)
			.filter(request -> request.getUrl().contains("translate") && !request.getUrl().contains("languages"))
			.map(request -> URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8))
			.reduce("", String::concat);
	}
}
