package org.homeroom.messaging.textreplies;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Done-means 5 and 6 of issue 18, against a loopback LibreTranslate written from its documented API
 * and the loopback Twilio: a Vietnamese parent's reply by text is shown to the English-speaking
 * teacher in English, labelled, with the original one tap away; the teacher's answer reaches the
 * parent in Vietnamese, on the thread page, through the API and by text; and a Somali parent, whose
 * language no engine is routed to, gets the original with a line saying what language it is in.
 */
class ConversationTranslationIntegrationTests extends TextsAtLoopbackTwilio {

	static final String FIRST = "Minh read his first chapter book today!";

	static final String FIRST_VI = "Hôm nay Minh đã đọc cuốn sách có chương đầu tiên của mình!";

	static final String REPLY = "Cảm ơn cô, cả nhà rất tự hào về cháu.";

	static final String REPLY_EN = "Thank you, the whole family is very proud of him.";

	static final String ANSWER = "We will read together again on Friday.";

	static final String ANSWER_VI = "Chúng ta sẽ cùng đọc lại vào thứ Sáu.";

	static final WireMockServer LIBRETRANSLATE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("""
					[{"code": "en", "name": "English", "targets": ["en", "vi"]},
					 {"code": "vi", "name": "Vietnamese", "targets": ["en", "vi"]}]""")));
		translates(server, "vi", FIRST, FIRST_VI);
		translates(server, "vi", ANSWER, ANSWER_VI);
		translates(server, "en", REPLY, REPLY_EN);
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	/** One text into one language, as LibreTranslate answers a list: a list of the same length. */
	private static void translates(WireMockServer server, String target, String text, String translated) {
		server.stubFor(WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo(target)))
			.withRequestBody(matchingJsonPath("$.q[0]", equalTo(text)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"translatedText\": [\"" + translated + "\"]}")));
	}

	@DynamicPropertySource
	static void engine(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		// Somali is routed nowhere: its families receive the original with a line.
		registry.add("homeroom.translation.routes", () -> "en=libretranslate, vi=libretranslate");
	}

	@Test
	void aVietnameseParentAndAnEnglishSpeakingTeacherEachReadTheOtherInTheirOwnLanguage() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Translation Elementary " + tag);
		UUID minh = given.aStudent("Minh", "Tran" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		String phone = aPhone();
		UUID lan = given.aGuardian("Lan", "Tran" + tag).ofStudent(minh).withEducationalRights().reachableByPhone(phone)
			.speaking("vi").preferring(List.of("SMS", "IN_APP"), null).id();
		String teacherEmail = "hart." + tag + "@district.test";
		UUID teacher = given.staff("Dana", "Hart" + tag, teacherEmail);
		given.assign(teacher, school, "TEACHER");
		UUID section = given.aSection("Room 4 " + tag).at(school).id();
		given.enrolInSection(section, minh, today.minusMonths(2), null);
		given.teach(section, teacher);
		RequestPostProcessor asTeacher = user(teacherEmail).roles("TEACHER");

		// The teacher writes in English; the parent's phone receives Vietnamese, labelled.
		UUID thread = started(minh, lan, FIRST, asTeacher);
		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.requestsTo(phone).size() == 1);
		assertThat(twilio.textsTo(phone).get(0).get("Body")).contains(": " + FIRST_VI + "\n(Dịch tự động)")
			.doesNotContain(FIRST);

		// The parent answers by text in Vietnamese; the teacher reads it in English, with the original a tap away.
		assertThat(text(phone, REPLY).getStatus()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> translated(REPLY, "en") != null);
		Document teacherPage = page(get("/conversations/{id}", thread).with(asTeacher));
		Element reply = messageWith(teacherPage, REPLY);
		assertThat(reply.select("p.muted").text()).contains("Machine-translated from Vietnamese");
		assertThat(reply.select(".announcement-body").first().text()).isEqualTo(REPLY_EN);
		assertThat(reply.select("details summary").text()).isEqualTo("Show the original");
		assertThat(reply.select("details .announcement-body").text()).isEqualTo(REPLY);
		assertThat(reply.select("details .announcement-body").attr("lang")).isEqualTo("vi");
		// The teacher's own message is theirs to read as written.
		assertThat(messageWith(teacherPage, FIRST).select("details")).isEmpty();

		// The teacher answers; the parent reads it in Vietnamese on the phone, the page and through the API.
		mvc.perform(post("/conversations/{id}", thread).with(asTeacher).with(csrf()).param("body", ANSWER))
			.andExpect(status().is3xxRedirection());
		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.requestsTo(phone).size() == 2);
		assertThat(twilio.textsTo(phone).get(1).get("Body")).contains(": " + ANSWER_VI + "\n(Dịch tự động)");
		RequestPostProcessor asLan = family(lan);
		jdbc.sql("update accounts.account set preferred_language = 'vi' where username = ?")
			.param(usernameOf(lan)).update();
		Document familyPage = page(get("/family/conversations/{id}", thread).with(asLan));
		Element answer = messageWith(familyPage, ANSWER);
		assertThat(answer.select(".announcement-body").first().text()).isEqualTo(ANSWER_VI);
		assertThat(answer.select("p.muted").first().text()).isEqualTo("Dịch tự động từ Tiếng Anh");
		assertThat(answer.select("details summary").text()).isEqualTo("Xem bản gốc");
		assertThat(answer.select("details .announcement-body").text()).isEqualTo(ANSWER);
		// The parent's own reply is shown as written.
		assertThat(messageWith(familyPage, REPLY).select("details")).isEmpty();

		String byAnswer = "$.messages[?(@.body == '" + ANSWER + "')]";
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(asLan)).andExpect(status().isOk())
			.andExpect(jsonPath(byAnswer + ".translatedBody").value(contains(ANSWER_VI)))
			.andExpect(jsonPath(byAnswer + ".translationKind").value(contains("MACHINE")))
			.andExpect(jsonPath(byAnswer + ".translatedFrom").value(contains("en")))
			.andExpect(jsonPath("$.messages[?(@.body == '" + REPLY + "')].translatedBody").value(contains(nullValue())));

		// One request per message and language: pages and texts reuse what was stored.
		assertThat(LIBRETRANSLATE.findAll(postRequestedFor(urlPathEqualTo("/translate"))
			.withRequestBody(containing("proud")))).isEmpty();
		assertThat(LIBRETRANSLATE.findAll(postRequestedFor(urlPathEqualTo("/translate"))
			.withRequestBody(matchingJsonPath("$.q[0]", equalTo(ANSWER))))).hasSize(1);
	}

	@Test
	void aParentWhoseLanguageNoEngineServesGetsTheOriginalWithALineSayingWhatLanguageItIsIn() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Untranslated Elementary " + tag);
		UUID hodan = given.aStudent("Hodan", "Ali" + tag).inGrade("02").enrolledAt(school, today.minusMonths(2)).id();
		String phone = aPhone();
		UUID amina = given.aGuardian("Amina", "Ali" + tag).ofStudent(hodan).withEducationalRights()
			.reachableByPhone(phone).speaking("so").preferring(List.of("SMS", "IN_APP"), null).id();
		String teacherEmail = "moss." + tag + "@district.test";
		UUID teacher = given.staff("Lee", "Moss" + tag, teacherEmail);
		given.assign(teacher, school, "TEACHER");
		UUID section = given.aSection("Room 7 " + tag).at(school).id();
		given.enrolInSection(section, hodan, today.minusMonths(2), null);
		given.teach(section, teacher);
		RequestPostProcessor asTeacher = user(teacherEmail).roles("TEACHER");
		String text = "Hodan will need her library book back by Thursday.";

		UUID thread = started(hodan, amina, text, asTeacher);
		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.requestsTo(phone).size() == 1);
		assertThat(twilio.textsTo(phone).get(0).get("Body")).contains(": " + text + "\n(Fariintani waxay ku qoran tahay ");

		RequestPostProcessor asAmina = family(amina);
		jdbc.sql("update accounts.account set preferred_language = 'so' where username = ?").param(usernameOf(amina))
			.update();
		Element message = messageWith(page(get("/family/conversations/{id}", thread).with(asAmina)), text);
		assertThat(message.select(".announcement-body").text()).isEqualTo(text);
		assertThat(message.select("details")).isEmpty();
		assertThat(message.select("p.muted").text()).contains("Fariintani waxay ku qoran tahay")
			.contains("Looma turjumi karin luqaddaada.");
		assertThat(LIBRETRANSLATE.findAll(postRequestedFor(urlPathEqualTo("/translate"))
			.withRequestBody(containing("library book")))).isEmpty();
	}

	private UUID started(UUID student, UUID guardian, String body, RequestPostProcessor asTeacher) throws Exception {
		String location = mvc.perform(post("/students/{id}/message", student).with(asTeacher).with(csrf())
			.param("guardianId", guardian.toString()).param("body", body))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private String translated(String original, String language) {
		return jdbc.sql("""
				select t.body from messaging.conversation_message_translation t
				join messaging.conversation_message m on m.id = t.message_id
				where m.body = ? and t.language = ? and t.kind = 'MACHINE'""")
			.params(original, language).query(String.class).optional().orElse(null);
	}

	private String usernameOf(UUID guardian) {
		return jdbc.sql("""
				select a.username from accounts.account a join accounts.family_link l on l.account_id = a.id
				where l.guardian_id = ? order by a.created_at desc limit 1""")
			.param(guardian).query(String.class).single();
	}

	private Document page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private static Element messageWith(Document page, String original) {
		return page.select("#thread-messages > li").stream().filter(item -> item.text().contains(original)).findFirst()
			.orElseThrow(() -> new AssertionError("No message holding " + original + " in " + page.select("main").text()));
	}
}
