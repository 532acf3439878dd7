package org.homeroom.translation.engines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.homeroom.translation.LanguagePair;
import org.homeroom.translation.TranslationEngineException;
import org.homeroom.translation.TranslationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Google Cloud Translation Basic (v2) as its REST reference documents it, on a loopback server:
 * {@code POST /language/translate/v2} with the key, {@code q} repeated, {@code source},
 * {@code target} and {@code format}; answers under {@code data.translations}; errors under
 * {@code error.message}; {@code GET /language/translate/v2/languages?key=…}.
 */
class GoogleTranslateEngineTests {

	private static final String KEY = "AIzaSyTestKey-0123456789";

	private WireMockServer server;

	private GoogleTranslateEngine engine;

	@BeforeEach
	void loopbackGoogle() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		engine = new GoogleTranslateEngine(new TranslationSettings.Provider("http://127.0.0.1:" + server.port(), KEY));
	}

	@AfterEach
	void stop() {
		server.stop();
	}

	@Test
	void aBatchIsOneRequestWithQRepeatedAndEntitiesAreDecoded() {
		server.stubFor(post(urlPathEqualTo("/language/translate/v2")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json").withBody("""
					{"data": {"translations": [
					  {"translatedText": "Dugsigu wuxuu xirmi doonaa duhurka berri."},
					  {"translatedText": "Waalidiinta &quot;muhiimka ah&quot; &amp; ardayda&#39;"}]}}""")));

		List<String> translated = engine.translate(List.of("The school will close at noon tomorrow.",
				"\"Important\" parents & students'"), "en", "so");

		assertThat(translated).containsExactly("Dugsigu wuxuu xirmi doonaa duhurka berri.", "Waalidiinta \"muhiimka ah\" & ardayda'");
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/language/translate/v2")));
		assertThat(requests).hasSize(1);
		List<String> fields = Arrays.stream(requests.get(0).getBodyAsString().split("&"))
			.map(field -> URLDecoder.decode(field, StandardCharsets.UTF_8)).toList();
		assertThat(fields).containsExactly("key=" + KEY, "q=The school will close at noon tomorrow.",
				"q=\"Important\" parents & students'", "source=en", "target=so", "format=text");
		assertThat(requests.get(0).getUrl()).as("the key is not in the URL").doesNotContain(KEY);
	}

	@Test
	void everyLanguageItListsIsServedFromEveryOther() {
		server.stubFor(get(urlPathEqualTo("/language/translate/v2/languages")).withQueryParam("key", equalTo(KEY))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"data": {"languages": [{"language": "en"}, {"language": "so"}, {"language": "ht"}, {"language": "zh-CN"}, {"language": "iw"}]}}""")));

		assertThat(engine.languages()).hasSize(20)
			.contains(new LanguagePair("en", "so"), new LanguagePair("en", "ht"), new LanguagePair("en", "zh"),
					new LanguagePair("en", "he"), new LanguagePair("so", "en"));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 403, 429, 500 })
	void anErrorIsATranslationEngineExceptionThatNamesTheEngineAndNotTheKey(int status) {
		server.stubFor(post(urlPathEqualTo("/language/translate/v2")).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json").withBody("""
					{"error": {"code": %d, "message": "API key not valid: %s", "errors": [{"reason": "badRequest"}]}}"""
				.formatted(status, KEY))));

		assertThatThrownBy(() -> engine.translate(List.of("Hello"), "en", "so"))
			.isInstanceOf(TranslationEngineException.class)
			.hasMessageStartingWith("Google Cloud Translation answered HTTP " + status)
			.hasMessageContaining("API key not valid")
			.hasMessageNotContaining(KEY);
	}

	@Test
	void anUnreachableGoogleNamesItselfAndNeitherItsAddressNorItsKey() {
		server.stop();

		assertThatThrownBy(() -> engine.languages())
			.isInstanceOf(TranslationEngineException.class)
			.hasMessageStartingWith("Google Cloud Translation could not be reached")
			.hasMessageNotContaining(KEY);
	}

	@Test
	void withOnlyAKeyItsTextGoesToGoogle() {
		TranslationSettings settings = new TranslationSettings(
				java.util.Map.of("google", new TranslationSettings.Provider(null, KEY)), java.util.Map.of("so", "google"));

		assertThat(new GoogleTranslateEngine(settings.configured("google").orElseThrow()).destination())
			.isEqualTo("https://translation.googleapis.com");
	}
}
