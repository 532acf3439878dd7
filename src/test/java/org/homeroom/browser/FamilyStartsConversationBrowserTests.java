package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation the family starts: the demo district's Spanish-speaking parent signs in on her
 * phone, presses "Message" beside her child's teacher on her home page, finds that teacher already
 * chosen, writes, attaches a photo and sends; the demo teacher, on her laptop (in Spanish, her saved language), finds the message waiting on her
 * home page and in her conversations, and answers; the parent's home then shows the answer, unread,
 * until she opens it. Another family asking for the thread gets 404. The story runs twice, the
 * second time with the screens swapped, so that every step is seen at 360 and at 1280 px.
 */
@ServerTest
class FamilyStartsConversationBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	/** How an ISO-8601 moment would look if a template printed one instead of going through the times helper. */
	private static final Pattern ISO_MOMENT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("family-starts-");

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "parent on {0}")
	@EnumSource(Screen.class)
	void aSpanishSpeakingParentWritesToHerChildsTeacherFromHerHomeAndReadsTheAnswer(Screen screen) throws IOException {
		Screen teacherScreen = screen == Screen.PHONE ? Screen.DESKTOP : Screen.PHONE;
		String at = "-parent-" + screen.width;
		Parent parent = aSpanishSpeakingParentOfTheDemoTeachersClass();
		UUID teacherId = jdbc.sql("select id from directory.staff where email = ?").param(TEACHER).query(UUID.class).single();
		Parent stranger = anotherFamily(parent.student());
		String run = "n" + UUID.randomUUID().toString().substring(0, 6);
		try {
			// The parent, in Spanish: from her home, the "Message" button beside the teacher on her child's card.
			Browser family = BROWSERS.open(Language.SPANISH, screen);
			family.signInFamilyWithACode(parent.email(), "es");
			family.checkPage("home" + at, family.driver().findElement(By.tagName("h1")).getText());
			WebElement message = family.driver()
				.findElement(By.cssSelector("#children .teacher-list a[href*='staffId=" + teacherId + "']"));
			assertThat(message.getText()).isEqualTo(family.message("home.family.message"));
			message.click();
			family.waitForUrlContaining("/family/children/" + parent.student() + "/message", "the button opens the message form");
			String studentName = parent.studentName();
			family.checkPage("start" + at, family.message("conversations.family.start.title", studentName));
			WebElement chosen = family.driver().findElement(By.cssSelector("input[name=to]:checked"));
			assertThat(chosen.getDomAttribute("value")).as("the teacher she clicked comes chosen").isEqualTo("TEACHER:" + teacherId);
			assertThat(family.driver().findElement(By.cssSelector("label[for='" + chosen.getDomAttribute("id") + "']")).getText())
				.contains(family.message("conversations.to.TEACHER"));

			String words = "Buenos días, maestra. ¿Cómo va mi hijo con la lectura? " + run;
			family.driver().findElement(By.id("body")).sendKeys(words);
			// Four photos are one too many: said at once, in her language, and the form does not go.
			WebElement files = family.driver().findElement(By.id("attachments"));
			List<String> four = new java.util.ArrayList<>();
			for (int photo = 1; photo <= 4; photo++) {
				four.add(aPhoto("foto-" + photo + "-" + run + ".jpg").toString());
			}
			files.sendKeys(String.join("\n", four));
			assertThat(files.getDomProperty("validationMessage")).isEqualTo(family.message("conversations.attachments.too-many", 4));
			family.driver().findElement(By.cssSelector("form[action$='/message'] button[type=submit]")).click();
			assertThat(family.driver().findElements(By.cssSelector("main .alert--error"))).as("nothing was sent").isEmpty();
			family.script("const files = document.getElementById('attachments'); files.value = '';"
					+ " files.dispatchEvent(new Event('change', { bubbles: true }));");
			assertThat(files.getDomProperty("validationMessage")).isEmpty();
			// Then a wrong file: a note that only looks like a photo by its name. The form comes
			// back with 400 (which the console reports, taken here), the file named, her words and choice kept.
			String wrong = "nota-" + run + ".jpg";
			family.driver().findElement(By.id("attachments")).sendKeys(aFile(wrong, "lista de la compra".getBytes(StandardCharsets.UTF_8)).toString());
			family.driver().findElement(By.cssSelector("form[action$='/message'] button[type=submit]")).click();
			WebElement refused = family.waitFor(By.cssSelector("main .alert--error"));
			assertThat(refused.getText()).contains(family.message("conversations.error.attachments")).contains(wrong);
			assertThat(family.driver().manage().logs().get(LogType.BROWSER).getAll()).as("the refused form's status")
				.anyMatch(entry -> entry.getMessage().contains("status of 400"));
			family.checkPage("start-refused" + at, family.message("conversations.family.start.title", studentName));
			assertThat(family.driver().findElement(By.id("attachments")).getDomAttribute("aria-invalid")).isEqualTo("true");
			assertThat(family.driver().findElement(By.id("body")).getDomProperty("value")).isEqualTo(words);
			assertThat(family.driver().findElement(By.cssSelector("input[name=to]:checked")).getDomAttribute("value"))
				.isEqualTo("TEACHER:" + teacherId);
			// Then the right one: a photo of his reading log, taken with the phone's camera.
			String photo = "registro-" + run + ".jpg";
			family.driver().findElement(By.id("attachments")).sendKeys(aPhoto(photo).toString());
			family.checkPage("start-with-photo" + at, family.message("conversations.family.start.title", studentName));
			family.driver().findElement(By.cssSelector("form[action$='/message'] button[type=submit]")).click();
			family.waitForUrlMatching(".*/family/conversations/[0-9a-f-]{36}$", "sending opens the new thread");
			String url = family.driver().getCurrentUrl();
			String thread = url.substring(url.lastIndexOf('/') + 1);
			family.checkPage("thread" + at, family.message("conversations.thread.title", studentName));
			assertThat(family.liveText(By.id("thread-messages"))).contains(words);
			assertThat(family.liveText(By.cssSelector("#thread-messages a[href*='/attachments/']")))
				.as("the photo went with her first message").contains(photo);
			assertTimesAreForPeople(family);
			// She puts the phone away: back on her home, where her own message is nothing new to her. (Had
			// she kept the thread open, the answer would appear there live and count as read.)
			family.open("/");
			assertThat(family.driver().findElements(By.cssSelector("#conversations a[href$='/family/conversations/" + thread + "']")))
				.as("her own message is not news to her").isEmpty();

			// The teacher (the demo teacher's saved language is Spanish, and it wins over ?lang once she is
			// signed in): the reply waits on her home and in her conversations; she answers.
			Browser teacher = BROWSERS.open(Language.SPANISH, teacherScreen);
			String teacherAt = "-teacher-" + teacherScreen.width;
			teacher.open("/sign-in?lang=es");
			teacher.signInAs(TEACHER, DEMO_PASSWORD);
			teacher.checkPage("staff-home" + teacherAt, teacher.driver().findElement(By.tagName("h1")).getText());
			WebElement waiting = teacher.driver().findElement(By.cssSelector("#awaiting-reply a[href$='/conversations/" + thread + "']"));
			assertThat(waiting.getText()).contains(parent.name()).contains(studentName);
			assertTimesAreForPeople(teacher);
			teacher.open("/conversations");
			teacher.checkPage("staff-list" + teacherAt, teacher.message("conversations.title"));
			WebElement line = teacher.driver().findElement(By.cssSelector("main a[href$='/conversations/" + thread + "']"));
			assertThat(line.getText()).contains(studentName).contains(teacher.message("conversations.unanswered"));
			assertTimesAreForPeople(teacher);
			line.click();
			teacher.waitForPathEnding("/conversations/" + thread, "the line opens the thread");
			teacher.checkPage("staff-thread" + teacherAt, teacher.message("conversations.thread.title", studentName));
			assertThat(teacher.liveText(By.id("thread-messages"))).contains(words).contains(parent.name());
			By file = By.cssSelector("#thread-messages a[href*='/attachments/']");
			assertThat(teacher.liveText(file)).contains(photo);
			assertThat(downloaded(teacher, teacher.liveAttribute(file, "href"))).as("the teacher opens the photo").isEqualTo("image/jpeg");
			String answer = "Gracias por escribir: ahora lee todos los días en clase " + run;
			teacher.driver().findElement(By.id("body")).sendKeys(answer);
			teacher.driver().findElement(By.cssSelector("form[action$='/conversations/" + thread + "'] button[type=submit]")).click();
			teacher.waitForPathEnding("/conversations/" + thread, "the answer comes back to the thread");
			assertThat(teacher.waitFor(By.cssSelector(".alert--success")).getText())
				.isEqualTo(teacher.message("conversations.sent"));
			teacher.open("/");
			assertThat(teacher.driver().findElements(By.cssSelector("#awaiting-reply a[href$='/conversations/" + thread + "']")))
				.as("answered, the reply no longer waits").isEmpty();

			// The parent's home shows the answer, unread, until she opens it.
			family.open("/");
			family.checkPage("home-answered" + at, family.driver().findElement(By.tagName("h1")).getText());
			WebElement unread = family.driver()
				.findElement(By.cssSelector("#conversations a[href$='/family/conversations/" + thread + "']"));
			assertThat(family.driver().findElement(By.id("conversations-title")).getText())
				.isEqualTo(family.message("home.family.conversations"));
			assertThat(unread.getText()).contains(answer).contains(studentName);
			assertTimesAreForPeople(family);
			unread.click();
			family.waitForPathEnding("/family/conversations/" + thread, "the line opens the thread");
			family.checkPage("thread-answered" + at, family.message("conversations.thread.title", studentName));
			assertThat(family.liveText(By.id("thread-messages"))).contains(words).contains(answer);
			family.open("/");
			assertThat(family.driver().findElements(By.cssSelector("#conversations a[href$='/family/conversations/" + thread + "']")))
				.as("read, the answer leaves her home").isEmpty();

			// Another family, signed in on its own, cannot see that the thread exists.
			Browser other = BROWSERS.open(Language.SPANISH, screen);
			other.signInFamilyWithACode(stranger.email(), "es");
			other.open("/family/conversations/" + thread);
			other.checkMissingPage("other-family" + at, other.message("error.404.title"));
			assertThat(other.driver().findElement(By.tagName("main")).getText()).doesNotContain(words).doesNotContain(answer);
		}
		finally {
			jdbc.sql("delete from accounts.family_link where guardian_id in (?, ?)").param(parent.guardian())
				.param(stranger.guardian()).update();
		}
	}

	/** A small JPEG as a phone's camera would give, in a temporary file the browser can pick. */
	private static Path aPhoto(String name) throws IOException {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		image.setRGB(10, 10, 0x3366cc);
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", jpeg);
		return aFile(name, jpeg.toByteArray());
	}

	/** A file of the given name and content, in a temporary folder of its own. */
	private static Path aFile(String name, byte[] content) throws IOException {
		Path file = Files.write(Files.createTempDirectory("homeroom-upload-").resolve(name), content);
		file.toFile().deleteOnExit();
		return file;
	}

	/** What the browser is served at the address, fetched in the signed-in page: its content type, when it answers 200. */
	private static String downloaded(Browser browser, String href) {
		return (String) browser.driver().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then((r) => done(r.ok ? r.headers.get('Content-Type') : 'status ' + r.status),
				  (e) => done(String(e)));""", href);
	}

	/** Every moment on the page reads as words and numbers for a person, never as an ISO timestamp. */
	private static void assertTimesAreForPeople(Browser browser) {
		List<String> times = browser.driver().findElements(By.cssSelector("main time")).stream().map(WebElement::getText).toList();
		assertThat(times).isNotEmpty().allSatisfy(time -> assertThat(time).isNotBlank().doesNotContainPattern(ISO_MOMENT));
	}

	/**
	 * A demo guardian who reads Spanish, holds educational rights and is under no restriction, alone
	 * on a verified e-mail address, whose only child the demo teacher teaches.
	 */
	private Parent aSpanishSpeakingParentOfTheDemoTeachersClass() {
		return jdbc.sql("""
				select c.value, g.id, g.given_name || ' ' || g.family_name, s.id, s.given_name || ' ' || s.family_name
				from directory.guardian g
				join directory.contact_point c on c.guardian_id = g.id and c.kind = 'EMAIL' and c.valid and c.verified
				join directory.guardianship gs on gs.guardian_id = g.id and gs.educational_rights
				join directory.student s on s.id = gs.student_id and s.active
				join directory.section_enrolment se on se.student_id = s.id and se.ends_on is null
				join directory.section_teacher t on t.section_id = se.section_id
				join directory.staff st on st.id = t.staff_id and st.email = ?
				where g.active and g.preferred_language like 'es%'
				  and not exists (select 1 from directory.restriction r where r.guardian_id = g.id and r.lifted_at is null)
				  and not exists (select 1 from directory.contact_point other where other.value = c.value and other.guardian_id <> g.id)
				  and not exists (select 1 from directory.guardianship more where more.guardian_id = g.id and more.student_id <> s.id)
				order by c.value limit 1""")
			.param(TEACHER)
			.query((rs, row) -> new Parent(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getObject(4, UUID.class), rs.getString(5)))
			.single();
	}

	/** A Spanish-speaking demo guardian of some other child, alone on a verified e-mail address, with no tie to the given child. */
	private Parent anotherFamily(UUID notOf) {
		return jdbc.sql("""
				select c.value, g.id, g.given_name || ' ' || g.family_name, gs.student_id, ''
				from directory.guardian g
				join directory.contact_point c on c.guardian_id = g.id and c.kind = 'EMAIL' and c.valid and c.verified
				join directory.guardianship gs on gs.guardian_id = g.id
				where g.active and g.preferred_language like 'es%'
				  and not exists (select 1 from directory.guardianship mine where mine.guardian_id = g.id and mine.student_id = ?)
				  and not exists (select 1 from directory.contact_point other where other.value = c.value and other.guardian_id <> g.id)
				order by c.value desc limit 1""")
			.param(notOf)
			.query((rs, row) -> new Parent(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getObject(4, UUID.class), rs.getString(5)))
			.single();
	}

	record Parent(String email, UUID guardian, String name, UUID student, String studentName) {
	}
}
