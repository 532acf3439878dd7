package org.homeroom.messaging.translated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback server that answers as LibreTranslate's documented API does ({@code POST /translate}
 * with {@code q} as a list, answered by {@code translatedText} as a list in the same order;
 * {@code GET /languages}), translating by a small phrase book per target language and leaving the
 * rest of each text, markers included, as it came. What it received stays readable, so a test can
 * count the requests per language and check that no name was sent.
 */
public final class LoopbackLibreTranslate {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** English phrase to its translation, per target language (LibreTranslate's codes, primary tag). */
	private static final Map<String, Map<String, String>> PHRASES = Map.of(
			"es", phrases("La escuela cierra temprano", "Estimado/a", "la escuela cerrará al mediodía mañana."),
			"ar", phrases("تغلق المدرسة مبكرًا", "عزيزي/عزيزتي", "ستغلق المدرسة ظهر الغد."),
			"vi", phrases("Trường tan học sớm", "Kính gửi", "trường sẽ đóng cửa vào trưa mai."),
			"zh", phrases("学校提前放学", "亲爱的", "学校明天中午关闭。"),
			"pt", phrases("A escola fecha mais cedo", "Prezado(a)", "a escola fechará ao meio-dia amanhã."));

	private final WireMockServer server;

	private LoopbackLibreTranslate() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
			.extensions(new PhraseBook()));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("""
					[{"code": "en", "name": "English", "targets": ["ar", "en", "es", "pt", "vi", "zh-Hans"]}]""")));
		server.stubFor(WireMock.post("/translate").willReturn(aResponse().withTransformers(PhraseBook.NAME)));
	}

	public static LoopbackLibreTranslate start() {
		return new LoopbackLibreTranslate();
	}

	public String url() {
		return server.baseUrl();
	}

	public void stop() {
		server.stop();
	}

	/** Each /translate request received, as its JSON body. */
	List<JsonNode> translateRequests() {
		return server.findAll(postRequestedFor(urlPathEqualTo("/translate"))).stream()
			.map(request -> JSON.readTree(request.getBodyAsString())).toList();
	}

	private static Map<String, String> phrases(String closesEarly, String dear, String closeAtNoon) {
		Map<String, String> phrases = new LinkedHashMap<>();
		phrases.put("School closes early", closesEarly);
		phrases.put("Dear", dear);
		phrases.put("the school will close at noon tomorrow.", closeAtNoon);
		return phrases;
	}

	private static final class PhraseBook implements ResponseDefinitionTransformerV2 {

		static final String NAME = "phrase-book";

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
			String target = body.get("target").asString().split("-")[0];
			Map<String, String> phrases = PHRASES.get(target);
			if (phrases == null) {
				return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withHeader("Content-Type", "application/json")
					.withBody("{\"error\": \"" + target + " is not supported\"}").build();
			}
			List<String> translated = new ArrayList<>();
			for (JsonNode q : body.get("q")) {
				String text = q.asString();
				for (Map.Entry<String, String> phrase : phrases.entrySet()) {
					text = text.replace(phrase.getKey(), phrase.getValue());
				}
				translated.add(text);
			}
			return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
				.withBody(JSON.writeValueAsString(Map.of("translatedText", translated))).build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}
	}
}
