package org.homeroom.messaging.textreplies;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 18's remaining family-facing places for conversation messages, against a loopback
 * LibreTranslate written from its documented API, loopback Twilio and GreenMail: the e-mail notice of
 * a staff message and the family's home page carry the Vietnamese text with the machine label (the
 * original quoted below in the e-mail); a family whose language no engine serves is told the school
 * office's phone to ask for an interpreter, by e-mail, SMS and on the page; and a slow engine never
 * holds a conversation page: it shows the original, marked, and the translation once it is made.
 */
class ConversationNoticesInTheirLanguageIntegrationTests extends TextsAtLoopbackTwilio {

	static final String NEWS = "Minh read his first chapter book today!";

	static final String NEWS_VI = "Hôm nay Minh đã đọc cuốn sách có chương đầu tiên của mình!";

	static final String SLOW = "Please bring a coat for the field trip on Monday.";

	static final String SLOW_VI = "Xin mang áo khoác cho chuyến đi thực tế vào thứ Hai.";

	/**
	 * How long the engine takes over {@link #SLOW}: far longer than a page waits (one second here),
	 * and long enough that a loaded test machine's slow rendering cannot be mistaken for waiting.
	 */
	static final int SLOW_MILLIS = 12000;

	static final WireMockServer LIBRETRANSLATE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("""
					[{"code": "en", "name": "English", "targets": ["en", "vi"]}]""")));
		server.stubFor(translating(NEWS, NEWS_VI).willReturn(answer(NEWS_VI)));
		server.stubFor(translating(SLOW, SLOW_VI).willReturn(answer(SLOW_VI).withFixedDelay(SLOW_MILLIS)));
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	private static com.github.tomakehurst.wiremock.client.MappingBuilder translating(String text, String translated) {
		return WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo("vi")))
			.withRequestBody(matchingJsonPath("$.q[0]", equalTo(text)));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String translated) {
		return aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"translatedText\": [\"" + translated + "\"]}");
	}

	@DynamicPropertySource
	static void engine(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		// Somali is routed nowhere: its families receive the original with the interpreter line.
		registry.add("homeroom.translation.routes", () -> "vi=libretranslate");
		registry.add("homeroom.messaging.conversations.translation-wait", () -> "1s");
	}

	@Test
	void aVietnameseParentsEmailNoticeAndHomePageCarryTheVietnameseTextWithTheLabel() throws Exception {
		Family lan = aFamily("vi", null, null, "+12025550143");

		UUID thread = started(lan, NEWS);

		String mail = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(lan.email()), mails -> !mails.isEmpty())
			.get(0);
		assertThat(mail).contains("Dịch tự động từ Tiếng Anh. Bản gốc ở bên dưới.\n\n" + NEWS_VI)
			.contains("Bản gốc (Tiếng Anh):\n> " + NEWS)
			.contains("/family/conversations/" + thread);
		assertThat(mail.indexOf(NEWS_VI)).isLessThan(mail.indexOf(NEWS));

		// The home page's line for the unread thread is in Vietnamese, labelled; the thread holds the original.
		Element line = page(get("/").with(lan.signedIn())).selectFirst("#conversations li");
		assertThat(line).isNotNull();
		assertThat(line.select(".feed-excerpt").text()).isEqualTo(NEWS_VI);
		assertThat(line.select("p.muted").first().text()).isEqualTo("Dịch tự động từ Tiếng Anh");
		assertThat(line.select("a").attr("href")).isEqualTo("/family/conversations/" + thread);
	}

	@Test
	void aFamilyWhoseLanguageNoEngineServesIsToldTheSchoolOfficesPhoneByEmailSmsAndOnThePage() throws Exception {
		String text = "Hodan will need her library book back by Thursday.";
		String line = "Si aad u codsato turjubaan, wac xafiiska dugsigaaga (202) 555-0143.";
		Family amina = aFamily("so", aPhone(), List.of("SMS", "IN_APP"), "+12025550143");

		UUID thread = started(amina, text);

		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.requestsTo(amina.phone()).size() == 1);
		// By SMS, where each character counts, in short: the language and the number.
		assertThat(twilio.textsTo(amina.phone()).get(0).get("Body")).contains(text + "\n(Fariintani waxay ku qoran tahay "
				+ "Ingiriisi. Turjubaan, wac (202) 555-0143.)");
		String mail = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(amina.email()), mails -> !mails.isEmpty())
			.get(0);
		assertThat(mail).contains(text + "\n\nFariintani waxay ku qoran tahay Ingiriisi. Looma turjumi karin luqaddaada. "
				+ line);
		Element message = messageWith(page(get("/family/conversations/{id}", thread).with(amina.signedIn())), text);
		assertThat(message.select("p.muted").text()).contains("Looma turjumi karin luqaddaada.").contains(line);

		// A school with no phone on record: the line says to call the office, as before.
		Family other = aFamily("so", null, null, null);
		started(other, text);
		String plain = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(other.email()), mails -> !mails.isEmpty())
			.get(0);
		assertThat(plain).contains("Si aad u codsato turjubaan, wac xafiiska dugsigaaga.").doesNotContain("(202)");
	}

	@Test
	void aSlowEngineNeverHoldsTheConversationPageTheTranslationFollowsOnceMade() throws Exception {
		Family lan = aFamily("vi", null, null, null);
		UUID thread = started(lan, SLOW);

		// Shown before the engine answered: the original, marked; a page that waited would hold the translation.
		long began = System.nanoTime();
		Element message = messageWith(page(get("/family/conversations/{id}", thread).with(lan.signedIn())), SLOW);
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(SLOW_MILLIS));
		assertThat(message.select(".announcement-body").text()).isEqualTo(SLOW);
		assertThat(message.select("details")).isEmpty();
		assertThat(message.select("p.translation-pending").text()).isEqualTo("Bản dịch đang được chuẩn bị…");

		// The live list, fetched again once the engine answered, shows the translation under its label.
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> messageWith(
				page(get("/family/conversations/{id}/messages", thread).with(lan.signedIn())), SLOW)
			.select("details").size() == 1);
		Element translated = messageWith(page(get("/family/conversations/{id}/messages", thread).with(lan.signedIn())), SLOW);
		assertThat(translated.select(".announcement-body").first().text()).isEqualTo(SLOW_VI);
		assertThat(translated.select("p.translation-pending")).isEmpty();
		assertThat(LIBRETRANSLATE.findAll(postRequestedFor(urlPathEqualTo("/translate"))
			.withRequestBody(matchingJsonPath("$.q[0]", equalTo(SLOW))))).isNotEmpty();
	}

	private record Family(UUID guardian, UUID student, String email, String phone, String teacherEmail,
			RequestPostProcessor signedIn) {
	}

	/** A family reading {@code language}, by e-mail (and SMS when given a phone), and their child's teacher. */
	private Family aFamily(String language, String phone, List<String> channels, String officePhone) {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Notice Elementary " + tag);
		if (officePhone != null) {
			jdbc.sql("update directory.school set office_phone = ? where id = ?").params(officePhone, school).update();
		}
		UUID child = given.aStudent("Minh", "Tran" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		String email = "parent." + tag + "@family.test";
		Districts.GuardianSteps steps = given.aGuardian("Lan", "Tran" + tag).ofStudent(child).withEducationalRights()
			.reachableByEmail(email).speaking(language);
		if (phone != null) {
			steps = steps.reachableByPhone(phone).preferring(channels, null);
		}
		UUID guardian = steps.id();
		String teacherEmail = "teacher." + tag + "@district.test";
		UUID teacher = given.staff("Dana", "Hart" + tag, teacherEmail);
		given.assign(teacher, school, "TEACHER");
		UUID section = given.aSection("Room 4 " + tag).at(school).id();
		given.enrolInSection(section, child, today.minusMonths(2), null);
		given.teach(section, teacher);
		RequestPostProcessor signedIn = family(guardian);
		jdbc.sql("""
				update accounts.account set preferred_language = ? where id in
				  (select account_id from accounts.family_link where guardian_id = ?)""").params(language, guardian).update();
		return new Family(guardian, child, email, phone, teacherEmail, signedIn);
	}

	private UUID started(Family family, String body) throws Exception {
		String location = mvc.perform(post("/students/{id}/message", family.student())
			.with(user(family.teacherEmail()).roles("TEACHER")).with(csrf())
			.param("guardianId", family.guardian().toString()).param("body", body))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private List<String> mailsTo(String address) throws Exception {
		List<String> bodies = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessagesForDomain(address)) {
			bodies.add((message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message)).replace("\r\n", "\n"));
		}
		return bodies;
	}

	private Document page(RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private static Element messageWith(Document page, String original) {
		return page.select("#thread-messages > li").stream().filter(item -> item.text().contains(original)).findFirst()
			.orElseThrow(() -> new AssertionError("No message holding " + original + " in " + page.text()));
	}
}
