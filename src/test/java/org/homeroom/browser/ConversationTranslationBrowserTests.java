package org.homeroom.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.Districts;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.Conversations;
import org.homeroom.messaging.conversations.Recipient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18's replies in a browser, through a loopback LibreTranslate: a Vietnamese parent writes to
 * the demo teacher, who reads Homeroom in Spanish; on a laptop she reads the reply in Spanish,
 * labelled, and opens the original with one tap; she answers in Spanish, and the parent, on a
 * 360 px phone, reads the answer in Vietnamese with the original one tap away.
 */
@ServerTest
class ConversationTranslationBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	static final String REPLY = "Chào cô, cháu bị ốm nên hôm nay không đi học được. Tôi sẽ gửi giấy vào ngày mai.";

	static final String REPLY_ES = "Hola, maestra: mi hijo está enfermo y hoy no puede ir a la escuela. Mañana enviaré una nota.";

	static final String ANSWER = "Gracias por avisarme. Espero que se mejore pronto; le enviaré las tareas de la semana por correo.";

	static final String ANSWER_VI = "Cảm ơn chị đã báo cho tôi. Mong cháu sớm khỏe lại; tôi sẽ gửi bài tập của tuần qua thư.";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("conversation-translation-");

	static final WireMockServer LIBRETRANSLATE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("""
					[{"code": "en", "name": "English", "targets": ["en", "es", "vi"]},
					 {"code": "es", "name": "Spanish", "targets": ["en", "es", "vi"]},
					 {"code": "vi", "name": "Vietnamese", "targets": ["en", "es", "vi"]}]""")));
		translates(server, "es", REPLY, REPLY_ES);
		translates(server, "vi", ANSWER, ANSWER_VI);
		return server;
	}

	private static void translates(WireMockServer server, String target, String text, String translated) {
		server.stubFor(WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo(target)))
			.withRequestBody(matchingJsonPath("$.q[0]", equalTo(text)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"translatedText\": [\"" + translated + "\"]}")));
	}

	@DynamicPropertySource
	static void engine(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		registry.add("homeroom.translation.routes", () -> "en=libretranslate, es=libretranslate, vi=libretranslate");
	}

	@AfterAll
	static void stop() {
		LIBRETRANSLATE.stop();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Test
	void theTeacherReadsTheReplyInSpanishAndTheParentReadsTheAnswerInVietnamese() {
		Map<String, Object> student = aStudentOfTheTeacher();
		Districts given = Districts.in(jdbc);
		String email = "lan." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		UUID lan = given.aGuardian("Lan", "Trần").ofStudent((UUID) student.get("student_id")).withEducationalRights()
			.reachableByEmail(email).speaking("vi").id();
		UUID staff = jdbc.sql("select id from directory.staff where email = ?").param(TEACHER).query(UUID.class).single();
		UUID thread = conversations.startFromFamily(Viewer.guardian(lan).named("guardian:" + lan),
				(UUID) student.get("student_id"), Recipient.TEACHER, staff, REPLY);
		try {
			Browser teacher = BROWSERS.open(Language.SPANISH, Screen.DESKTOP);
			teacher.open("/sign-in?lang=es");
			teacher.signInAs(TEACHER, DEMO_PASSWORD);
			teacher.open("/conversations/" + thread);
			// The list refreshes itself while open: each look at it starts again if it was replaced midway.
			teacher.onLiveRegion(() -> {
				WebElement reply = message(teacher, REPLY_ES);
				assertThat(reply.findElement(By.cssSelector("p.muted")).getText())
					.isEqualTo("Traducido automáticamente del vietnamita");
				assertThat(reply.findElement(By.cssSelector("details .announcement-body")).isDisplayed())
					.as("the original waits behind one tap").isFalse();
			});
			teacher.checkPage("thread-translated", teacher.message("conversations.thread.title", student.get("student_name")));
			teacher.onLiveRegion(() -> {
				WebElement reply = message(teacher, REPLY_ES);
				WebElement original = reply.findElement(By.cssSelector("details .announcement-body"));
				reply.findElement(By.cssSelector("details summary")).click();
				assertThat(original.isDisplayed()).isTrue();
				assertThat(original.getText()).isEqualTo(REPLY);
			});
			teacher.checkPage("thread-original-open",
					teacher.message("conversations.thread.title", student.get("student_name")));

			teacher.driver().findElement(By.id("body")).sendKeys(ANSWER);
			teacher.driver().findElement(By.cssSelector("form.form button[type=submit]")).click();
			await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
					select count(*) from messaging.conversation_message_translation t
					join messaging.conversation_message m on m.id = t.message_id
					where m.conversation_id = ? and t.language = 'vi' and t.kind = 'MACHINE'""")
				.param(thread).query(Long.class).single() == 1);

			Browser parent = BROWSERS.open(Language.VIETNAMESE, Screen.PHONE);
			parent.signInFamilyWithACode(email, "vi");
			parent.open("/family/conversations/" + thread);
			parent.onLiveRegion(() -> {
				WebElement answer = message(parent, ANSWER_VI);
				assertThat(answer.findElement(By.cssSelector("p.muted")).getText()).isEqualTo("Dịch tự động từ Tiếng Tây Ban Nha");
				assertThat(answer.findElement(By.cssSelector("details summary")).getText()).isEqualTo("Xem bản gốc");
			});
			parent.checkPage("family-thread-translated",
					parent.message("conversations.thread.title", student.get("student_name")));
			parent.onLiveRegion(() -> {
				WebElement answer = message(parent, ANSWER_VI);
				answer.findElement(By.cssSelector("details summary")).click();
				assertThat(answer.findElement(By.cssSelector("details .announcement-body")).getText()).isEqualTo(ANSWER);
			});
			parent.checkPage("family-thread-original-open",
					parent.message("conversations.thread.title", student.get("student_name")));
		}
		finally {
			jdbc.sql("delete from messaging.conversation where id = ?").param(thread).update();
			jdbc.sql("delete from accounts.family_link where guardian_id = ?").param(lan).update();
			given.removeAll();
		}
	}

	private static WebElement message(Browser browser, String text) {
		return browser.driver().findElements(By.cssSelector("#thread-messages > li")).stream()
			.filter(item -> item.getText().contains(text)).findFirst()
			.orElseThrow(() -> new AssertionError("no message reading " + text + " in "
					+ browser.driver().findElement(By.id("thread-messages")).getText()));
	}

	/** A demo student the teacher teaches today. */
	private Map<String, Object> aStudentOfTheTeacher() {
		return jdbc.sql("""
				select s.id as student_id, s.given_name || ' ' || s.family_name as student_name
				from directory.staff st
				join directory.section_teacher t on t.staff_id = st.id
				join directory.section_enrolment se on se.section_id = t.section_id and se.starts_on <= current_date
				     and (se.ends_on is null or se.ends_on >= current_date)
				join directory.student s on s.id = se.student_id and s.active
				where st.email = ?
				order by s.family_name, s.given_name limit 1""")
			.param(TEACHER).query().singleRow();
	}
}
