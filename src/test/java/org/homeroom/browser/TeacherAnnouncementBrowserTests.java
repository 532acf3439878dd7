package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The people announcements are mainly for: the demo teacher (who reads Spanish) writes to her
 * classes' families at Riverside Middle, through the preview, to delivery; then a Spanish-speaking
 * parent of that class signs in with a code and reads the message with her own name and her
 * children's in place of the placeholders.
 */
@ServerTest
class TeacherAnnouncementBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("teacher-announcement-");

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "Spanish at {0}")
	@EnumSource(Screen.class)
	void theDemoTeacherSendsToHerClassesAndASpanishSpeakingParentReadsItFilledIn(Screen screen) {
		Language spanish = Language.SPANISH;
		Browser teacher = BROWSERS.open(spanish, screen);
		teacher.open("/sign-in?lang=" + spanish.tag);
		teacher.signInAs(TEACHER, DEMO_PASSWORD);

		teacher.open("/announcements/new");
		teacher.checkPage("teacher-form", teacher.message("announcements.new"));
		assertThat(teacher.driver().findElements(By.id("district"))).as("a teacher has no district checkbox").isEmpty();
		new Select(teacher.driver().findElement(By.id("schoolIds"))).selectByVisibleText("Riverside Middle");
		String subject = "Excursión al museo " + screen.width + " " + UUID.randomUUID().toString().substring(0, 6);
		teacher.driver().findElement(By.id("subject")).sendKeys(subject);
		teacher.driver().findElement(By.id("body"))
			.sendKeys("Estimada familia {guardianName}: el viernes {childName} va al museo con {school}.");
		teacher.driver().findElement(By.cssSelector("button[name=action][value=preview]")).click();
		new WebDriverWait(teacher.driver(), Duration.ofSeconds(10)).withMessage("the preview comes back to the form")
			.until(driver -> !driver.findElements(By.id("preview-heading")).isEmpty());
		assertThat(teacher.driver().findElements(By.id("form-errors"))).as("nothing is wrong").isEmpty();
		teacher.checkPage("teacher-preview", teacher.message("announcements.new"));

		teacher.driver().findElement(By.cssSelector("button[name=action][value=send]")).click();
		teacher.waitForUrlMatching(".*/announcements/[0-9a-f-]{36}$", "sending leads to the announcement");
		assertThat(teacher.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(teacher.message("announcement.sent"));
		String announcementUrl = teacher.driver().getCurrentUrl();
		UUID announcement = UUID.fromString(announcementUrl.substring(announcementUrl.lastIndexOf('/') + 1));
		// The page shows delivery as it happens: reload until the in-app row counts families as sent.
		new WebDriverWait(teacher.driver(), Duration.ofSeconds(30)).withMessage("the report shows the messages sent")
			.until(driver -> {
				driver.navigate().refresh();
				return inAppSent(driver) > 0;
			});
		teacher.checkPage("teacher-sent", subject);

		String parentEmail = aSpanishSpeakingParentReached(announcement);
		Browser parent = BROWSERS.open(spanish, screen);
		try {
			signInWithACode(parent, parentEmail);
			parent.open("/messages");
			new WebDriverWait(parent.driver(), Duration.ofSeconds(10)).withMessage("the inbox lists the message")
				.until(driver -> driver.findElements(By.cssSelector(".message-list h2")).stream()
					.anyMatch(heading -> heading.getText().equals(subject)));
			parent.checkPage("parent-inbox", parent.message("inbox.title"));
			parent.driver().findElement(By.xpath("//ul[contains(@class,'message-list')]//a[.//h2[text()='" + subject + "']]")).click();
			parent.waitForUrlContaining("/messages/", "the message opens");
			parent.checkPage("parent-message", subject);
			String body = parent.driver().findElement(By.cssSelector(".announcement-body")).getText();
			assertThat(body).doesNotContain("{guardianName}", "{childName}", "{school}")
				.startsWith("Estimada familia " + guardianName(parentEmail) + ":")
				.contains("Riverside Middle");
		}
		finally {
			jdbc.sql("""
					delete from accounts.family_link where guardian_id in
					(select guardian_id from directory.contact_point where kind = 'EMAIL' and value = ?)""")
				.param(parentEmail).update();
		}
	}

	private static long inAppSent(org.openqa.selenium.WebDriver driver) {
		return driver.findElements(By.cssSelector("#report-heading ~ .table-wrap tbody tr")).stream()
			.mapToLong(row -> Long.parseLong(row.findElements(By.tagName("td")).get(2).getDomProperty("textContent").strip()))
			.sum();
	}

	/** A demo guardian who reads Spanish, was sent this in-app message, and alone uses their e-mail address. */
	private String aSpanishSpeakingParentReached(UUID announcement) {
		return jdbc.sql("""
				select c.value from messaging.delivery d
				join directory.guardian g on g.id = d.guardian_id
				join directory.contact_point c on c.guardian_id = g.id and c.kind = 'EMAIL' and c.valid
				where d.announcement_id = ? and d.channel = 'IN_APP' and d.status = 'SENT' and g.preferred_language = 'es'
				and not exists (select 1 from directory.contact_point other
				                where other.value = c.value and other.guardian_id <> g.id)
				order by c.value limit 1""")
			.param(announcement).query(String.class).single();
	}

	private String guardianName(String email) {
		return jdbc.sql("""
				select g.given_name || ' ' || g.family_name from directory.guardian g
				join directory.contact_point c on c.guardian_id = g.id where c.kind = 'EMAIL' and c.value = ?""")
			.param(email).query(String.class).single();
	}

	private static void signInWithACode(Browser browser, String email) {
		browser.open("/family/sign-in?lang=es");
		browser.driver().findElement(By.id("contact")).sendKeys(email);
		browser.driver().findElement(By.cssSelector("form[action$='/family/sign-in'] button[type=submit]")).click();
		browser.waitForPath("/family/sign-in/code?lang=es", "asking for a code leads to the code form");
		browser.open("/dev/outbox?to=" + email);
		// The announcement's own e-mail may be in this outbox too; the code is the message with six digits.
		String code = browser.driver().findElements(By.cssSelector("#outbox-messages .message-body")).stream()
			.map(body -> CODE.matcher(body.getText()))
			.filter(Matcher::find)
			.map(found -> found.group(1))
			.findFirst().orElseThrow(() -> new AssertionError("no sign-in code in the outbox of " + email));
		browser.open("/family/sign-in/code");
		browser.driver().findElement(By.id("code")).sendKeys(code);
		browser.driver().findElement(By.cssSelector("form[action$='/family/sign-in/code'] button[type=submit]")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("a right code signs the family in")
			.until(driver -> !driver.getCurrentUrl().contains("/family/sign-in"));
	}
}
