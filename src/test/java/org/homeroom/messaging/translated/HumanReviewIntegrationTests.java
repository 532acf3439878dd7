package org.homeroom.messaging.translated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18's human review: a district administrator chooses the categories that wait for a reviewer
 * and grants a teacher the translator role for Spanish on Administration → Translation → Reviewers.
 * A general announcement then waits until she approves her corrected Spanish text, which the Spanish
 * family receives without the machine label, counted as reviewed, and which serves the next identical
 * announcement without asking the engine. An urgent one waits only {@code urgent-wait} (two seconds
 * here), then goes out machine-translated and labelled, and she is told by e-mail. A language with no
 * reviewer never waits; nobody else may approve.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=3025",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>", "homeroom.messaging.quiet-hours-start=00:00",
		"homeroom.messaging.quiet-hours-end=00:00", "homeroom.translation.review.urgent-wait=2s" })
class HumanReviewIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

	private static final RequestPostProcessor ADMIN = user("review.admin@district.test").roles("DISTRICT_ADMIN");

	private static final LoopbackLibreTranslate libre = LoopbackLibreTranslate.start();

	@DynamicPropertySource
	static void engines(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", libre::url);
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, vi=libretranslate");
	}

	@AfterAll
	static void stop() {
		libre.stop();
	}

	/**
	 * Categories and grants are the district's, shared by every test on this database: left behind,
	 * a later test's GENERAL announcement to a Spanish family would wait for this class's reviewer.
	 */
	@AfterEach
	void noReviewLeft() {
		jdbc.sql("delete from translation.review_category").update();
		jdbc.sql("delete from translation.translator where granted_by = 'review.admin@district.test'").update();
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
	void aGeneralAnnouncementWaitsForTheSpanishReviewerWhoseTextGoesOutUnlabelledAndServesTheNextOne() throws Exception {
		String run = run();
		Family family = family(run, "es", "en");
		RequestPostProcessor rosa = reviewer("Rosa", run, "es");
		chooseCategories("GENERAL");

		UUID first = announce(family.school(), "School closes early (" + run + ")", "GENERAL");
		await().atMost(Duration.ofSeconds(20)).until(() -> waitingLanguages(first) != null);
		assertThat(waitingLanguages(first)).isEqualTo("es");
		assertThat(stateOf(first)).as("nobody receives it while it waits").isEqualTo("SCHEDULED");
		Document page = Jsoup.parse(mvc.perform(get("/announcements/{id}", first).with(ADMIN).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select("#waiting-for-review").text()).contains("Waiting for a reviewer", "Spanish")
			.contains("Send now with machine translation");
		Document announcements = Jsoup.parse(mvc.perform(get("/announcements").with(ADMIN).param("lang", "en"))
			.andReturn().getResponse().getContentAsString());
		assertThat(announcements.select("tr:has(a[href=/announcements/" + first + "]) .badge").text())
			.as("the list says so too").isEqualTo("Waiting for review");

		// The reviewer's page lists it, original beside the machine's Spanish.
		Document list = Jsoup.parse(mvc.perform(get("/translations/review").with(rosa).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(list.select(".review-list a").text()).contains("School closes early (" + run + ")");
		UUID request = requestFor(run, "es");
		Document form = Jsoup.parse(mvc.perform(get("/translations/review/{id}", request).with(rosa).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(form.select("#subject").val()).isEqualTo("La escuela cierra temprano (" + run + ")");
		assertThat(form.select("#body").text()).isEqualTo("Estimado/a {guardianName}, la escuela cerrará al mediodía mañana.");
		assertThat(form.select("#body").attr("lang")).isEqualTo("es");

		// A text that lost the name's placeholder is refused, naming the field.
		Document refused = Jsoup.parse(mvc.perform(post("/translations/review/{id}", request).with(rosa).with(csrf())
			.param("lang", "en").param("subject", "Salida temprana (" + run + ")").param("body", "Estimada familia: mañana cerramos."))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
		assertThat(refused.select("#body-error").text()).isEqualTo("Put back the placeholder {guardianName}: the original has it.");
		assertThat(stateOf(first)).isEqualTo("SCHEDULED");

		mvc.perform(post("/translations/review/{id}", request).with(rosa).with(csrf()).param("subject", "Salida temprana (" + run + ")")
			.param("body", "Estimada familia {guardianName}: mañana la escuela cierra al mediodía."))
			.andExpect(status().is3xxRedirection());

		MimeMessage spanish = mailTo(family.email("es"));
		assertThat(spanish.getSubject()).isEqualTo("Salida temprana (" + run + ")");
		String text = ((MimeMultipart) spanish.getContent()).getBodyPart(0).getContent().toString();
		assertThat(text).startsWith("Estimada familia Parentes Family" + run + ": mañana la escuela cierra al mediodía.")
			.doesNotContain("Traducción automática").doesNotContain("the school will close");
		assertThat(jdbc.sql("select language || '=' || kind from messaging.announcement_translation where announcement_id = ?")
			.param(first).query(String.class).list()).containsExactlyInAnyOrder("en=ORIGINAL", "es=REVIEWED");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(inTheirLanguage(first))
			.isEqualTo(Map.of("en", Map.of("ORIGINAL", 1), "es", Map.of("REVIEWED", 1))));
		assertThat(Jsoup.parse(mvc.perform(get("/translations/review").with(rosa)).andReturn().getResponse().getContentAsString())
			.select("main").text()).as("approved, it waits no more").doesNotContain("School closes early (" + run + ")");

		// The same words again: the approved text, at once, and no request to the engine.
		long asked = requestsHolding(run);
		UUID second = announce(family.school(), "School closes early (" + run + ")", "GENERAL");
		await().atMost(Duration.ofSeconds(20)).until(() -> "RELEASED".equals(stateOf(second)));
		assertThat(requestsHolding(run)).isEqualTo(asked);
		assertThat(jdbc.sql("select kind || ':' || subject from messaging.announcement_translation where announcement_id = ? and language = 'es'")
			.param(second).query(String.class).single()).isEqualTo("REVIEWED:Salida temprana (" + run + ")");
	}

	@Test
	void anUrgentAnnouncementWaitsOnlyTheUrgentWaitThenGoesMachineTranslatedAndTheReviewerIsTold() throws Exception {
		String run = run();
		Family family = family(run, "es");
		reviewer("Marta", run, "es");
		chooseCategories("GENERAL", "URGENT");

		UUID id = announce(family.school(), "School closes early (" + run + ")", "URGENT");
		await().atMost(Duration.ofSeconds(20)).until(() -> waitingLanguages(id) != null);
		assertThat(jdbc.sql("select review_until - review_since from messaging.announcement where id = ?").param(id)
			.query(String.class).single()).isEqualTo("00:00:02");

		await().atMost(Duration.ofSeconds(30)).until(() -> "RELEASED".equals(stateOf(id)));
		String text = ((MimeMultipart) mailTo(family.email("es")).getContent()).getBodyPart(0).getContent().toString();
		assertThat(text).startsWith("Traducción automática del inglés.").contains("la escuela cerrará al mediodía mañana.");
		MimeMessage told = mailTo("marta." + run + "@district.test");
		assertThat(told.getSubject()).isEqualTo("A Spanish translation went out without review");
		assertThat(told.getContent().toString()).contains("could not wait for review", "Translations to review").doesNotContain(run);
		// It stays on her page, marked, so that her approval serves the next time.
		assertThat(jdbc.sql("select told_at is not null from translation.review_request where id = ?").param(requestFor(run, "es"))
			.query(Boolean.class).single()).isTrue();
	}

	@Test
	void aLanguageWithoutAReviewerNeverWaits() throws Exception {
		String run = run();
		Family family = family(run, "vi");
		reviewer("Lena", run, "es");
		chooseCategories("GENERAL");

		UUID id = announce(family.school(), "School closes early (" + run + ")", "GENERAL");
		await().atMost(Duration.ofSeconds(20)).until(() -> "RELEASED".equals(stateOf(id)));
		assertThat(waitingLanguages(id)).isNull();
		assertThat(jdbc.sql("select kind from messaging.announcement_translation where announcement_id = ? and language = 'vi'")
			.param(id).query(String.class).single()).isEqualTo("MACHINE");
		assertThat(jdbc.sql("select count(*) from translation.review_request where language = 'vi'").query(Long.class).single())
			.isZero();
	}

	@Test
	void thePreviewTellsTheSenderWhichLanguagesWillWaitForAReviewer() throws Exception {
		String run = run();
		Family family = family(run, "es", "vi");
		reviewer("Ines", run, "es");
		chooseCategories("URGENT");

		Document urgent = preview(family, run, "URGENT");
		assertThat(urgent.select("#waits-for-review li").eachText()).as("Vietnamese has no reviewer")
			.containsExactly("Spanish: 1 family");
		assertThat(urgent.select("#waits-for-review").text()).contains("within 1 minute,");
		assertThat(preview(family, run, "GENERAL").select("#waits-for-review")).as("GENERAL is not chosen").isEmpty();
	}

	private Document preview(Family family, String run, String category) throws Exception {
		return Jsoup.parse(mvc.perform(post("/announcements/new/translations").with(ADMIN).with(csrf()).param("lang", "en")
			.param("schoolIds", family.school().toString()).param("category", category).param("channels", "EMAIL")
			.param("subject", "School closes early (" + run + ")").param("body", "The school will close at noon tomorrow."))
			.andReturn().getResponse().getContentAsString());
	}

	@Test
	void onlyAReviewerOfTheLanguageMayReviewIt() throws Exception {
		String run = run();
		family(run, "es", "vi");
		RequestPostProcessor rosa = reviewer("Sol", run, "es");
		UUID vietnamese = UUID.randomUUID();
		jdbc.sql("""
				insert into translation.review_request (id, source_hash, source_language, language, source_texts, machine_texts, engine,
				                                        requested_at)
				values (?, repeat('a', 64), 'en', 'vi', array['Hello'], array['Xin chào'], 'libretranslate', now())""")
			.param(vietnamese).update();
		Districts.in(jdbc).staff("Tom", "Teacher" + run, "tom." + run + "@district.test");
		RequestPostProcessor teacher = user("tom." + run + "@district.test").roles("TEACHER");

		mvc.perform(get("/translations/review").with(teacher)).andExpect(status().isForbidden());
		mvc.perform(get("/translations/review/{id}", vietnamese).with(rosa)).andExpect(status().isForbidden());
		mvc.perform(post("/translations/review/{id}", vietnamese).with(rosa).with(csrf()).param("body", "Xin chào"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from translation.reviewed_text where language = 'vi'").query(Long.class).single()).isZero();
		// The entry in the bar is there for the reviewer only.
		assertThat(Jsoup.parse(mvc.perform(get("/tasks").with(rosa).param("lang", "en")).andReturn().getResponse()
			.getContentAsString()).select("nav.site-nav a[href=/translations/review]")).hasSize(1);
		assertThat(Jsoup.parse(mvc.perform(get("/tasks").with(teacher).param("lang", "en")).andReturn().getResponse()
			.getContentAsString()).select("nav.site-nav a[href=/translations/review]")).isEmpty();
	}

	private record Family(UUID school, String run) {

		String email(String language) {
			return language + "." + run + "@family.example";
		}
	}

	private static String run() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private Family family(String run, String... languages) {
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Bay Elementary " + run);
		for (String language : languages) {
			UUID child = given.aStudent("Kid" + language).inGrade("03").enrolledAt(school, districtClock.today().minusMonths(1)).id();
			given.aGuardian("Parent" + language, "Family" + run).ofStudent(child).withEducationalRights()
				.reachableByEmail(language + "." + run + "@family.example").speaking(language).id();
		}
		return new Family(school, run);
	}

	/** A teacher granted the translator role on the administrator's page. */
	private RequestPostProcessor reviewer(String name, String run, String language) throws Exception {
		String email = name.toLowerCase() + "." + run + "@district.test";
		UUID staff = Districts.in(jdbc).staff(name, "Reviewer" + run, email);
		mvc.perform(post("/admin/translation/reviewers/grants").with(ADMIN).with(csrf()).param("staffId", staff.toString())
			.param("language", language)).andExpect(status().is3xxRedirection());
		return user(email).roles("TEACHER");
	}

	private void chooseCategories(String... categories) throws Exception {
		mvc.perform(post("/admin/translation/reviewers/categories").with(ADMIN).with(csrf()).param("category", categories))
			.andExpect(status().is3xxRedirection());
	}

	private UUID announce(UUID school, String subject, String category) throws Exception {
		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "%s",
					 "body": "Dear {guardianName}, the school will close at noon tomorrow.",
					 "category": "%s", "channels": ["EMAIL"]}""".formatted(school, subject, category)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(json.readTree(created).get("id").asString());
	}

	private String stateOf(UUID announcement) {
		return jdbc.sql("select status from messaging.announcement where id = ?").param(announcement).query(String.class).single();
	}

	private String waitingLanguages(UUID announcement) {
		return jdbc.sql("select array_to_string(review_languages, ',') from messaging.announcement where id = ?")
			.param(announcement).query(String.class).optional().orElse(null);
	}

	private UUID requestFor(String run, String language) {
		return jdbc.sql("select id from translation.review_request where language = ? and source_texts[1] like ?")
			.params(language, "%" + run + "%").query(UUID.class).single();
	}

	private long requestsHolding(String run) {
		return libre.translateRequests().stream().filter(request -> request.get("q").toString().contains(run)).count();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Integer>> inTheirLanguage(UUID announcement) throws Exception {
		return json.convertValue(json.readTree(mvc.perform(get("/api/v1/announcements/{id}/report", announcement).with(ADMIN))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("inTheirLanguage"), Map.class);
	}

	/** The e-mail to this address, once it arrived (other tests' reviewers of the language are told too). */
	private MimeMessage mailTo(String address) {
		await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(mail -> {
			try {
				return List.of(mail.getAllRecipients()).stream().anyMatch(to -> to.toString().equals(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}));
		return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
			try {
				return List.of(mail.getAllRecipients()).stream().anyMatch(to -> to.toString().equals(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow(() -> new AssertionError("no e-mail to " + address));
	}
}
