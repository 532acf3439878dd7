package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.AnnouncementRequest;
import org.homeroom.messaging.Announcements;
import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;
import org.homeroom.messaging.translated.LoopbackLibreTranslate;
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
 * An Arabic-speaking guardian reads a machine-translated announcement in the app on a phone:
 * right to left, labelled in Arabic, with the English original one tap away and left to right.
 * The announcement is translated at release by a loopback LibreTranslate.
 */
@ServerTest
class TranslatedMessageBrowserTests {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("translated-");

	private static final LoopbackLibreTranslate libre = LoopbackLibreTranslate.start();

	@DynamicPropertySource
	static void arabicByLibreTranslate(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", libre::url);
		registry.add("homeroom.translation.routes", () -> "ar=libretranslate");
	}

	@AfterAll
	static void stop() {
		libre.stop();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Announcements announcements;

	@Test
	void theArabicGuardianReadsTheMessageRightToLeftWithTheOriginalOneTapAway() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String email = "translated." + run + "@family.example";
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Harbor Translated School " + run);
		UUID student = given.student("Samira", "03");
		given.enrol(student, school, districtClock.today().minusMonths(2), null);
		UUID guardian = given.aGuardian(Language.ARABIC.personName).ofStudent(student).withEducationalRights()
			.reachableByEmail(email).speaking("ar").id();
		Browser browser = BROWSERS.open(Language.ARABIC, Screen.PHONE);
		signInWithACode(browser, email);

		UUID announcement = announcements.create(directory.viewerOf("translated.admin@district.test", Set.of("DISTRICT_ADMIN")),
				new AnnouncementRequest(new AudienceCriteria(false, null, null, null, Set.of(student), null, null),
						"School closes early (" + run + ")", "Dear {guardianName}, the school will close at noon tomorrow.",
						Category.URGENT, Set.of(Channel.IN_APP), null),
				null).announcement().id();
		UUID delivery = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select id from messaging.delivery where announcement_id = ? and guardian_id = ? and status = 'SENT'""")
			.params(announcement, guardian).query(UUID.class).optional().orElse(null), found -> found != null);

		browser.open("/messages/" + delivery);
		String subject = "تغلق المدرسة مبكرًا (" + run + ")";
		browser.checkPage("machine-translated", subject);
		WebElement text = browser.driver().findElement(By.cssSelector(".message-text"));
		assertThat(text.getCssValue("direction")).isEqualTo("rtl");
		assertThat(text.findElement(By.cssSelector(".translation-label")).getText()).isEqualTo("ترجمة آلية من الإنجليزية.");
		assertThat(text.findElement(By.cssSelector(".announcement-body")).getText()).startsWith("عزيزي/عزيزتي")
			.contains("ستغلق المدرسة ظهر الغد.");
		WebElement original = text.findElement(By.cssSelector("details.translation-original div"));
		assertThat(original.isDisplayed()).as("the original waits behind one tap").isFalse();

		text.findElement(By.cssSelector("details.translation-original summary")).click();

		assertThat(original.isDisplayed()).isTrue();
		assertThat(original.getText()).contains("School closes early (" + run + ")", "the school will close at noon tomorrow.");
		assertThat(original.getCssValue("direction")).as("the English original reads left to right").isEqualTo("ltr");
		browser.checkPage("original-shown", subject);
	}

	private static void signInWithACode(Browser browser, String email) {
		browser.open("/family/sign-in");
		browser.driver().findElement(By.id("contact")).sendKeys(email);
		browser.driver().findElement(By.cssSelector("form[action$='/family/sign-in'] button[type=submit]")).click();
		browser.waitForPath("/family/sign-in/code", "asking for a code leads to the code form");
		browser.open("/dev/outbox?to=" + email);
		Matcher code = CODE.matcher(browser.driver().findElement(By.cssSelector("#outbox-messages .message-body")).getText());
		assertThat(code.find()).isTrue();
		browser.open("/family/sign-in/code");
		browser.driver().findElement(By.id("code")).sendKeys(code.group(1));
		browser.driver().findElement(By.cssSelector("form[action$='/family/sign-in/code'] button[type=submit]")).click();
		browser.waitForPath("/", "a right code leads to the family's home");
	}
}
