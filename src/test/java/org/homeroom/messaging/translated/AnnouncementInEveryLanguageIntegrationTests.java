package org.homeroom.messaging.translated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.sms.LoopbackTwilio;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18's announcement story: a district administrator writes to the families of a school, who
 * prefer eight languages. A loopback LibreTranslate (written from its documented API) serves
 * Spanish, Arabic, Vietnamese, Chinese and Portuguese; Somali and Haitian Creole are routed to no
 * engine. Each routed language costs exactly one request, whatever the number of channels and
 * families; the Spanish family's e-mail and text carry the Spanish text and the label in Spanish;
 * the Somali family gets the original and the interpreter line in Somali; the Arabic family reads it
 * in the app right to left, with the original one tap away.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=3025",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>", "homeroom.messaging.quiet-hours-start=00:00",
		"homeroom.messaging.quiet-hours-end=00:00" })
class AnnouncementInEveryLanguageIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

	private static final RequestPostProcessor ADMIN = user("languages.admin@district.test").roles("DISTRICT_ADMIN");

	private static final LoopbackLibreTranslate libre = LoopbackLibreTranslate.start();

	private static final LoopbackTwilio twilio = LoopbackTwilio.start("AC" + "0a1b2c3d4e5f6789".repeat(2),
			"loopback-languages-token");

	@DynamicPropertySource
	static void enginesAndSms(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", libre::url);
		registry.add("homeroom.translation.routes",
				() -> "es=libretranslate, ar=libretranslate, vi=libretranslate, zh=libretranslate, pt=libretranslate");
		twilio.configure(registry);
	}

	@AfterAll
	static void stop() {
		libre.stop();
		twilio.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	DistrictClock districtClock;

	@Test
	void eachGuardianReadsTheAnnouncementInTheirLanguageHonestlyLabelledForOneRequestPerLanguage() throws Exception {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Harbor Elementary " + run);
		Map<String, UUID> guardians = new java.util.LinkedHashMap<>();
		for (String language : List.of("en", "es", "ar", "vi", "zh", "so", "ht", "pt")) {
			UUID child = given.aStudent("Kid" + language).inGrade("03").enrolledAt(school, districtClock.today().minusMonths(1)).id();
			guardians.put(language, given.aGuardian("Parent" + language, "Family" + run).ofStudent(child).withEducationalRights()
				.reachableByEmail(language + "." + run + "@family.example").speaking(language).id());
		}
		given.theGuardian(guardians.get("es")).reachableByPhone("+15550177001");
		given.theGuardian(guardians.get("so")).reachableByPhone("+15550177002");

		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "School closes early (%s)",
					 "body": "Dear {guardianName}, the school will close at noon tomorrow.",
					 "category": "URGENT", "channels": ["IN_APP", "EMAIL", "SMS"]}""".formatted(school, run)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID id = UUID.fromString(json.readTree(created).get("id").asString());

		assertThat(smtp.waitForIncomingEmail(30_000, 8)).as("an e-mail to each of the eight families").isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> twilio.textsTo("+15550177001").size() == 1
				&& twilio.textsTo("+15550177002").size() == 1);

		// Exactly one request per routed language other than English, none for Somali or Haitian Creole.
		List<JsonNode> requests = libre.translateRequests().stream()
			.filter(request -> request.get("q").toString().contains(run)).toList();
		Map<String, Long> perLanguage = requests.stream()
			.collect(Collectors.groupingBy(request -> request.get("target").asString().split("-")[0], Collectors.counting()));
		assertThat(perLanguage).containsExactlyInAnyOrderEntriesOf(Map.of("es", 1L, "ar", 1L, "vi", 1L, "zh", 1L, "pt", 1L));
		assertThat(requests).allSatisfy(request -> assertThat(request.toString()).as("names stay home")
			.doesNotContain("Parent").doesNotContain("{guardianName}"));
		assertThat(jdbc.sql("select language || '=' || kind from messaging.announcement_translation where announcement_id = ?")
			.param(id).query(String.class).list()).containsExactlyInAnyOrder("en=ORIGINAL", "es=MACHINE", "ar=MACHINE",
					"vi=MACHINE", "zh=MACHINE", "pt=MACHINE", "so=UNTRANSLATED", "ht=UNTRANSLATED");

		// The Spanish family's e-mail: the Spanish text, its name filled in, the label, and the original below.
		MimeMessage spanish = mailTo("es." + run + "@family.example");
		assertThat(spanish.getSubject()).isEqualTo("La escuela cierra temprano (" + run + ")");
		String spanishText = ((MimeMultipart) spanish.getContent()).getBodyPart(0).getContent().toString();
		assertThat(spanishText).startsWith("Traducción automática del inglés. El original está abajo.")
			.contains("Estimado/a Parentes Family" + run + ", la escuela cerrará al mediodía mañana.")
			.contains("Original (inglés)", "Dear Parentes Family" + run + ", the school will close at noon tomorrow.");
		assertThat(spanishText.indexOf("la escuela cerrará")).isLessThan(spanishText.indexOf("the school will close"));
		String spanishHtml = ((MimeMultipart) spanish.getContent()).getBodyPart(1).getContent().toString();
		Document spanishMail = Jsoup.parse(spanishHtml);
		assertThat(spanishMail.select("html").attr("lang")).isEqualTo("es");
		assertThat(spanishMail.select("p").first().text()).isEqualTo("Traducción automática del inglés. El original está abajo.");
		assertThat(spanishMail.select("div[lang=en][dir=ltr]").text()).contains("Original (inglés)",
				"Dear Parentes Family" + run + ", the school will close at noon tomorrow.");
		String arabicHtml = ((MimeMultipart) mailTo("ar." + run + "@family.example").getContent()).getBodyPart(1).getContent()
			.toString();
		assertThat(Jsoup.parse(arabicHtml).select("html").attr("dir")).as("an Arabic e-mail reads right to left").isEqualTo("rtl");

		// ... and the Spanish text message, with the short label.
		assertThat(twilio.textsTo("+15550177001").get(0).get("Body")).isEqualTo("[Traducción automática] La escuela cierra temprano ("
				+ run + ")\nEstimado/a Parentes Family" + run + ", la escuela cerrará al mediodía mañana.");

		// The Somali family: the original, and in Somali how to ask for an interpreter; no machine label.
		String somaliLine = "Fariintan waxay ku qoran tahay Ingiriisi. Si aad u codsato turjubaan, wac xafiiska dugsigaaga.";
		MimeMessage somali = mailTo("so." + run + "@family.example");
		assertThat(somali.getSubject()).isEqualTo("School closes early (" + run + ")");
		assertThat(((MimeMultipart) somali.getContent()).getBodyPart(0).getContent().toString()).startsWith(somaliLine)
			.contains("Dear Parentso Family" + run + ", the school will close at noon tomorrow.").doesNotContain("mashiin");
		assertThat(twilio.textsTo("+15550177002").get(0).get("Body")).isEqualTo("School closes early (" + run
				+ ")\nDear Parentso Family" + run + ", the school will close at noon tomorrow.\n" + somaliLine);

		// The English family reads it as written, with no label at all.
		String english = ((MimeMultipart) mailTo("en." + run + "@family.example").getContent()).getBodyPart(0).getContent().toString();
		assertThat(english).startsWith("Dear Parenten Family" + run).doesNotContain("Machine-translated", "interpreter");

		// The Arabic family reads it in the app, right to left, labelled, with the English original one tap away.
		UUID arabic = guardians.get("ar");
		UUID inApp = jdbc.sql("select id from messaging.delivery where announcement_id = ? and guardian_id = ? and channel = 'IN_APP'")
			.params(id, arabic).query(UUID.class).single();
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(jdbc.sql("select status from messaging.delivery where id = ?")
			.param(inApp).query(String.class).single()));
		Document page = Jsoup.parse(mvc.perform(get("/messages/{id}", inApp).with(family(arabic)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select("article.card h1").attr("dir")).isEqualTo("rtl");
		assertThat(page.select("article.card h1").text()).isEqualTo("تغلق المدرسة مبكرًا (" + run + ")");
		Element message = page.selectFirst("article.card .message-text");
		assertThat(message.attr("dir")).isEqualTo("rtl");
		assertThat(message.attr("lang")).isEqualTo("ar");
		assertThat(message.select(".announcement-body").first().text()).isEqualTo("عزيزي/عزيزتي Parentar Family" + run
				+ ", ستغلق المدرسة ظهر الغد.");
		assertThat(message.select(".translation-label").text()).isEqualTo("ترجمة آلية من الإنجليزية.");
		Element original = message.selectFirst("details.translation-original");
		assertThat(original.select("summary").text()).isEqualTo("عرض النص الأصلي (الإنجليزية)");
		assertThat(original.selectFirst("div").attr("dir")).isEqualTo("ltr");
		assertThat(original.text()).contains("School closes early (" + run + ")",
				"Dear Parentar Family" + run + ", the school will close at noon tomorrow.");

		// The API answers the same version, with how it was made and the original.
		String inbox = mvc.perform(get("/api/v1/me/inbox").with(family(guardians.get("so")))).andReturn().getResponse()
			.getContentAsString();
		JsonNode first = json.readTree(inbox).get("messages").get(0);
		assertThat(first.get("translation").asString()).isEqualTo("UNTRANSLATED");
		assertThat(first.get("language").asString()).isEqualTo("so");

		// The report counts who received it in their language, and how their version was made.
		Map<String, Map<String, Integer>> expected = Map.of("en", Map.of("ORIGINAL", 1), "es", Map.of("MACHINE", 1),
				"ar", Map.of("MACHINE", 1), "vi", Map.of("MACHINE", 1), "zh", Map.of("MACHINE", 1),
				"pt", Map.of("MACHINE", 1), "so", Map.of("UNTRANSLATED", 1), "ht", Map.of("UNTRANSLATED", 1));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json.convertValue(json.readTree(
				mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN)).andExpect(status().isOk()).andReturn()
					.getResponse().getContentAsString()).get("inTheirLanguage"), Map.class)).isEqualTo(expected));
		Document report = Jsoup.parse(mvc.perform(get("/announcements/{id}", id).with(ADMIN).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		Element table = report.selectFirst("table#in-their-language");
		assertThat(table.select("caption").text()).isEqualTo("Received in their language");
		assertThat(table.select("tr[data-language=es] th").text()).isEqualTo("Spanish");
		assertThat(table.select("tr[data-language=es] td[data-version=MACHINE]").text()).isEqualTo("1");
		assertThat(table.select("tr[data-language=so] td[data-version=UNTRANSLATED]").text()).isEqualTo("1");
		assertThat(table.select("tr[data-language=so] td[data-version=MACHINE]").text()).isEqualTo("0");
		assertThat(table.select("tr[data-language=en] td[data-version=ORIGINAL]").text()).isEqualTo("1");
	}

	@Test
	void theSmsLengthRulesApplyToTheTranslationAsSent() throws Exception {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Harbor Elementary " + run);
		UUID child = given.aStudent("Nora").inGrade("04").enrolledAt(school, districtClock.today().minusMonths(1)).id();
		given.aGuardian("Ana", "Long" + run).ofStudent(child).withEducationalRights().reachableByPhone("+15550177011")
			.speaking("es").id();
		given.aGuardian("Ann", "Long" + run).ofStudent(child).withEducationalRights().reachableByPhone("+15550177012")
			.speaking("en").id();
		// About 260 characters: two segments in English (GSM-7), but Spanish needs UCS-2 ("á"), at 67 a segment.
		String body = "Dear {guardianName}, " + "the school will close at noon tomorrow. ".repeat(6).strip() + " " + run;

		mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "School closes early", "body": "%s",
					 "category": "URGENT", "channels": ["SMS"]}""".formatted(school, body)))
			.andExpect(status().isCreated());
		await().atMost(Duration.ofSeconds(30)).until(() -> twilio.textsTo("+15550177011").size() == 1
				&& twilio.textsTo("+15550177012").size() == 1);

		String english = twilio.textsTo("+15550177012").get(0).get("Body");
		assertThat(english).as("the original fits: it goes whole").endsWith(run).doesNotContain(LoopbackTwilio.PUBLIC_URL);
		String spanish = twilio.textsTo("+15550177011").get(0).get("Body");
		assertThat(spanish).as("the translation does not: its beginning and the link to the whole of it")
			.startsWith("[Traducción automática] La escuela cierra temprano").contains(LoopbackTwilio.PUBLIC_URL + "/t/")
			.doesNotEndWith(run);
	}

	@Test
	void aFamilyWhoseLanguageNoEngineServesIsToldTheSchoolOfficesPhoneByEmailSmsAndInTheApp() throws Exception {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Harbor Elementary " + run);
		jdbc.sql("update directory.school set office_phone = '+12025550143' where id = ?").param(school).update();
		UUID child = given.aStudent("Hodan").inGrade("02").enrolledAt(school, districtClock.today().minusMonths(1)).id();
		String address = "so.phone." + run + "@family.example";
		UUID somali = given.aGuardian("Amina", "Phone" + run).ofStudent(child).withEducationalRights()
			.reachableByEmail(address).reachableByPhone("+15550177021").speaking("so").id();

		UUID id = UUID.fromString(json.readTree(mvc.perform(post("/api/v1/announcements").with(ADMIN)
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "Picture day (%s)", "body": "Picture day is on Friday.",
					 "category": "URGENT", "channels": ["IN_APP", "EMAIL", "SMS"]}""".formatted(school, run)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString());

		// The office's number as it is dialled in the district (US), in Somali, on every channel.
		String line = "Fariintan waxay ku qoran tahay Ingiriisi. Si aad u codsato turjubaan, wac xafiiska dugsigaaga (202) 555-0143.";
		assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
		assertThat(((MimeMultipart) mailTo(address).getContent()).getBodyPart(0).getContent().toString()).startsWith(line);
		await().atMost(Duration.ofSeconds(30)).until(() -> twilio.textsTo("+15550177021").size() == 1);
		assertThat(twilio.textsTo("+15550177021").get(0).get("Body")).endsWith("Picture day is on Friday.\n" + line);
		UUID inApp = jdbc.sql("select id from messaging.delivery where announcement_id = ? and guardian_id = ? and channel = 'IN_APP'")
			.params(id, somali).query(UUID.class).single();
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(jdbc.sql("select status from messaging.delivery where id = ?")
			.param(inApp).query(String.class).single()));
		Document page = Jsoup.parse(mvc.perform(get("/messages/{id}", inApp).with(family(somali)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select(".translation-label").text()).isEqualTo(line);
	}

	private MimeMessage mailTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getAllRecipients()[0].toString().equals(address);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow(() -> new AssertionError("no e-mail to " + address));
	}

	private RequestPostProcessor family(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}
}
