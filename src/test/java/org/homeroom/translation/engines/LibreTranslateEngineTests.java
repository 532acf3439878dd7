package org.homeroom.translation.engines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.homeroom.translation.LanguagePair;
import org.homeroom.translation.TranslationEngineException;
import org.homeroom.translation.TranslationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LibreTranslate as its API documents it, on a loopback server: {@code POST /translate} with
 * {@code q} a list answers {@code translatedText} a list, errors are {@code {"error": …}} with
 * 400/403/429/500, and {@code GET /languages} lists {@code {code, name, targets}}.
 */
class LibreTranslateEngineTests {

	private static final String KEY = "libre-secret-key-123";

	private WireMockServer server;

	private LibreTranslateEngine engine;

	@BeforeEach
	void loopbackLibreTranslate() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		engine = new LibreTranslateEngine(new TranslationSettings.Provider("http://127.0.0.1:" + server.port() + "/", KEY));
	}

	@AfterEach
	void stop() {
		server.stop();
	}

	@Test
	void aBatchOfTextsIsOneRequestAndComesBackInOrder() {
		server.stubFor(post(urlPathEqualTo("/translate"))
			.withRequestBody(equalToJson("""
					{"q": ["The school will close at noon.", "Bring a coat."], "source": "en", "target": "es",
					 "format": "text", "api_key": "%s"}""".formatted(KEY)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"translatedText": ["La escuela cerrará al mediodía.", "Traigan un abrigo."]}""")));

		List<String> translated = engine.translate(List.of("The school will close at noon.", "Bring a coat."), "en", "es-MX");

		assertThat(translated).containsExactly("La escuela cerrará al mediodía.", "Traigan un abrigo.");
		server.verify(1, postRequestedFor(urlPathEqualTo("/translate")));
	}

	@Test
	void withoutAKeyNoKeyIsSent() {
		LibreTranslateEngine open = new LibreTranslateEngine(new TranslationSettings.Provider("http://127.0.0.1:" + server.port(), null));
		server.stubFor(post(urlPathEqualTo("/translate"))
			.withRequestBody(equalToJson("""
					{"q": ["Hello"], "source": "en", "target": "vi", "format": "text"}"""))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"translatedText\": [\"Xin chào\"]}")));

		assertThat(open.translate(List.of("Hello"), "en", "vi")).containsExactly("Xin chào");
	}

	@Test
	void theLanguagesItListsAreThePairsItServesAndItsOwnCodesAreUsed() {
		server.stubFor(get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
				[{"code": "en", "name": "English", "targets": ["en", "es", "vi", "zh-Hans"]},
				 {"code": "es", "name": "Spanish", "targets": ["en", "es"]},
				 {"code": "zh-Hans", "name": "Chinese (Simplified)", "targets": ["en", "zh-Hans"]}]""")));
		server.stubFor(post(urlPathEqualTo("/translate"))
			.withRequestBody(equalToJson("""
					{"q": ["Hello"], "source": "en", "target": "zh-Hans", "format": "text", "api_key": "%s"}""".formatted(KEY)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"translatedText\": [\"你好\"]}")));

		assertThat(engine.languages()).containsExactlyInAnyOrder(new LanguagePair("en", "es"), new LanguagePair("en", "vi"),
				new LanguagePair("en", "zh"), new LanguagePair("es", "en"), new LanguagePair("zh", "en"));
		assertThat(engine.translate(List.of("Hello"), "en", "zh")).containsExactly("你好");
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 403, 429, 500 })
	void anErrorIsATranslationEngineExceptionThatNamesTheEngineAndNotTheKey(int status) {
		server.stubFor(post(urlPathEqualTo("/translate")).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json").withBody("{\"error\": \"Refused for key " + KEY + "\"}")));

		assertThatThrownBy(() -> engine.translate(List.of("Hello"), "en", "es"))
			.isInstanceOf(TranslationEngineException.class)
			.hasMessageStartingWith("LibreTranslate answered HTTP " + status)
			.hasMessageContaining("Refused for key")
			.hasMessageNotContaining(KEY);
	}

	@Test
	void anUnreachableEngineIsATranslationEngineException() {
		server.stop();

		assertThatThrownBy(() -> engine.languages())
			.isInstanceOf(TranslationEngineException.class)
			.hasMessageStartingWith("LibreTranslate could not be reached");
	}

	@Test
	void anAnswerWithTooFewTranslationsIsRefusedRatherThanMisaligned() {
		server.stubFor(post(urlPathEqualTo("/translate")).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"translatedText\": [\"Uno\"]}")));

		assertThatThrownBy(() -> engine.translate(List.of("One", "Two"), "en", "es"))
			.isInstanceOf(TranslationEngineException.class).hasMessageContaining("1 translations for 2 texts");
	}

	@Test
	void itsDestinationIsItsAddressWithoutPathOrKey() {
		assertThat(engine.destination()).isEqualTo("http://127.0.0.1:" + server.port());
	}
}
