package org.homeroom.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * "Preview translations" on the announcement form, as a teacher writing to their class: families
 * who read English, Spanish, Vietnamese and Somali. A loopback LibreTranslate translates into
 * Spanish and (at length) Vietnamese; Somali is routed to no engine.
 */
@IntegrationTest
class AnnouncementTranslationPreviewIntegrationTests {

	static final WireMockServer LIBRETRANSLATE = started();

	/** The Vietnamese body: well over three 67-character UCS-2 segments. */
	static final String LONG_VIETNAMESE = "Kính gửi ⟦0⟧, chuyến đi thực tế của lớp sẽ diễn ra vào ngày mai. "
			+ "Các em cần mang theo nước uống, bữa trưa, áo khoác và giấy phép đã ký của phụ huynh. "
			+ "Xe buýt sẽ khởi hành lúc tám giờ sáng và trở về trường trước ba giờ chiều. "
			+ "Nếu quý vị có câu hỏi, xin vui lòng liên lạc với giáo viên của con quý vị.";

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(json("""
				[{"code": "en", "name": "English", "targets": ["en", "es", "vi"]}]""")));
		server.stubFor(WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo("es")))
			.willReturn(json("""
					{"translatedText": ["Excursión mañana", "Estimado ⟦0⟧, la excursión es mañana."]}""")));
		server.stubFor(WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo("vi")))
			.willReturn(json("{\"translatedText\": [\"Chuyến đi thực tế ngày mai\", \"" + LONG_VIETNAMESE + "\"]}")));
		return server;
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

	@DynamicPropertySource
	static void engines(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, vi=libretranslate");
	}

	@AfterAll
	static void stop() {
		LIBRETRANSLATE.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	String run;

	UUID lincoln;

	UUID section;

	RequestPostProcessor teacher;

	@BeforeEach
	void aTeachersClassWithFamiliesInFourLanguages() {
		Districts given = Districts.in(jdbc);
		run = UUID.randomUUID().toString().substring(0, 8);
		lincoln = given.school("Lincoln Middle " + run);
		UUID lee = given.staff("Ms Lee", "lee." + run + "@lincoln.test");
		given.assign(lee, lincoln, "TEACHER");
		section = given.aSection("Science 7").at(lincoln).taughtBy(lee).id();
		family(given, "Mary", "en");
		family(given, "Rosa", "es");
		family(given, "Lan", "vi");
		family(given, "Ahmed", "so");
		family(given, "Hodan", "so");
		teacher = user("lee." + run + "@lincoln.test").roles("TEACHER");
	}

	private void family(Districts given, String name, String language) {
		UUID child = given.student(name + "'s child", "07");
		given.enrol(child, lincoln, districtClock.today().minusMonths(1), null);
		given.enrolInSection(section, child, districtClock.today().minusDays(10), null);
		given.aGuardian(name).ofStudent(child).withEducationalRights().speaking(language)
			.reachableByEmail(name.toLowerCase() + "." + run + "@family.example")
			.reachableByPhone("+1555" + String.format("%07d", Math.abs((name + run).hashCode()) % 10_000_000));
	}

	@Test
	void theSpanishFamilySeesTheSpanishTranslationLabelledWithItsEngine() throws Exception {
		Document page = page(draft("IN_APP"));

		assertThat(page.select("#preview-heading").text()).isEqualTo("It will reach 5 families");
		assertThat(page.select("#translations-heading").text()).isEqualTo("What each family will read");
		String spanish = page.select("#translations article[data-language=es]").text();
		assertThat(spanish).contains("Spanish: 1 family", "Machine-translated by LibreTranslate", "Excursión mañana",
				"Estimado {guardianName}, la excursión es mañana.");
		assertThat(page.select("#translations article[data-language=en]").text()).contains("English: 1 family",
				"Original: written in this language", "Field trip tomorrow " + run);
		// One request per language the engine serves, whatever the number of families.
		assertThat(LIBRETRANSLATE.findAll(translationsInto("es").withRequestBody(WireMock.containing(run)))).hasSize(1);
		assertThat(LIBRETRANSLATE.findAll(translationsInto("es").withRequestBody(WireMock.containing("Rosa")))).isEmpty();
	}

	@Test
	void theSomaliFamiliesAreListedAsGettingTheOriginalWithTheInterpreterLine() throws Exception {
		Document page = page(draft("IN_APP"));

		assertThat(page.select("#untranslated h3").text()).isEqualTo("No engine can translate this for 2 families");
		assertThat(page.select("#untranslated li").eachText())
			.containsExactly("Somali: 2 families (no engine is set up for this language)");
		assertThat(page.select("#interpreter-line").text()).startsWith("This message is in English. To ask for an interpreter");
		assertThat(page.select("#translations article[data-language=so]").text()).contains("Somali: 2 families",
				"No translation: the original, with the interpreter line", "Field trip tomorrow " + run,
				"Dear {guardianName}, the field trip is tomorrow (" + run + ").", "Fariintan waxay ku qoran tahay Ingiriisi. Si aad u codsato turjubaan, wac xafiiska dugsigaaga.");
		assertThat(page.select("#no-engine")).as("engines are configured").isEmpty();
		assertThat(LIBRETRANSLATE.findAll(translationsInto("so"))).as("Somali goes nowhere").isEmpty();
	}

	@Test
	void aLongVietnameseTranslationIsFlaggedAsOverAnSmsWhenSmsIsChosen() throws Exception {
		Document bySms = page(draft("SMS"));

		assertThat(bySms.select("#over-sms li").eachText()).containsExactly(
				"Vietnamese: 6 SMS segments, more than 3, so families get a short text with a link to the full message");
		assertThat(bySms.select("#translations article[data-language=vi]").text()).contains("Chuyến đi thực tế ngày mai",
				"SMS: 6 segments, sent as a short text and a link");
		assertThat(bySms.select("#translations article[data-language=es]").text()).contains("SMS: 1 segment, sent whole");

		Document inApp = page(draft("IN_APP"));
		assertThat(inApp.select("#over-sms")).as("no SMS, nothing to flag").isEmpty();
		assertThat(inApp.select("#translations article[data-language=vi]").text()).doesNotContain("SMS");
	}

	@Test
	void aTeacherSeesNothingOfAnotherSchoolsFamiliesAndNoEngineIsAsked() throws Exception {
		Districts given = Districts.in(jdbc);
		UUID elsewhere = given.school("Elsewhere " + run);
		UUID child = given.student("Pablo", "07");
		given.enrol(child, elsewhere, districtClock.today().minusMonths(1), null);
		given.aGuardian("Elena").ofStudent(child).withEducationalRights().speaking("es")
			.reachableByEmail("elena." + run + "@family.example");
		int asked = LIBRETRANSLATE.findAll(postRequestedFor(urlPathEqualTo("/translate"))).size();

		Document page = page(post("/announcements/new/translations").with(csrf()).param("schoolIds", elsewhere.toString())
			.param("category", "GENERAL").param("channels", "IN_APP").param("subject", "Elsewhere " + run).param("body", "Hello"));

		assertThat(page.select("#preview-heading").text()).isEqualTo("It will reach no families");
		assertThat(page.select("#translations article")).isEmpty();
		assertThat(page.select("#translations").text()).contains("Nobody would receive it, so there is nothing to translate.");
		assertThat(LIBRETRANSLATE.findAll(postRequestedFor(urlPathEqualTo("/translate")))).hasSize(asked);
	}

	@Test
	void aMissingSubjectIsShownBesideItAndNothingIsTranslated() throws Exception {
		Document refused = page(draft("IN_APP", ""));

		assertThat(refused.select("#subject ~ .field-error").text()).isEqualTo("This is needed.");
		assertThat(refused.select("#translations")).isEmpty();
	}

	private static RequestPatternBuilder translationsInto(String language) {
		return postRequestedFor(urlPathEqualTo("/translate")).withRequestBody(matchingJsonPath("$.target", equalTo(language)));
	}

	private MockHttpServletRequestBuilder draft(String channel) {
		return draft(channel, "Field trip tomorrow " + run);
	}

	private MockHttpServletRequestBuilder draft(String channel, String subject) {
		return post("/announcements/new/translations").with(csrf()).param("classIds", section.toString())
			.param("category", "GENERAL").param("channels", channel).param("subject", subject)
			// The run in both texts: neither is in the cache from an earlier run, so the engine is asked for both.
			.param("body", "Dear {guardianName}, the field trip is tomorrow (" + run + ").");
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(teacher)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}
}
