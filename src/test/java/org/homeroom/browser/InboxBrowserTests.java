package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.AnnouncementRequest;
import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;
import org.homeroom.messaging.Announcements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A family's inbox in a real browser: it is open and empty when the school writes; the unread
 * badge and the list change by themselves; reading the message clears the badge.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxBrowserTests {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("inbox-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Announcements announcements;

	private final List<Districts> fixtures = new ArrayList<>();

	static Stream<Arguments> familiesAndScreens() {
		return Stream.of(Arguments.of(Language.SPANISH, Screen.PHONE), Arguments.of(Language.ARABIC, Screen.DESKTOP));
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("familiesAndScreens")
	void aMessageFromSchoolAppearsInTheOpenInboxAndReadingItClearsTheBadge(Language language, Screen screen) {
		String email = "inbox." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		Districts given = Districts.in(jdbc);
		fixtures.add(given);
		UUID school = given.school("Riverside Inbox School");
		UUID student = given.student("Samira", "03");
		given.enrol(student, school, districtClock.today().minusMonths(2), null);
		UUID guardian = given.aGuardian(language.personName).ofStudent(student).withEducationalRights()
			.reachableByEmail(email)
			.speaking(language.tag)
			.id();
		Browser browser = BROWSERS.open(language, screen);
		signInWithACode(browser, email);

		browser.open("/messages");
		browser.checkPage("empty-inbox", browser.message("inbox.title"));
		announcements.create(directory.viewerOf("inbox.admin@district.test", Set.of("DISTRICT_ADMIN")),
				new AnnouncementRequest(new AudienceCriteria(false, null, null, null, Set.of(student), null, null),
						"Festival de otoño", "Querida familia:\n\nEl viernes celebramos el festival.", Category.EVENT,
						Set.of(Channel.IN_APP), null),
				null);

		new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).withMessage("the badge shows one new message")
			// The bar's badge on a laptop, the menu button's on a phone: whichever is visible shows it.
			.until(driver -> driver.findElements(By.cssSelector(".nav-badge [data-count]")).stream()
				.anyMatch(count -> count.getText().equals("1")));
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the list shows the message")
			.until(driver -> !driver.findElements(By.cssSelector(".message-list a")).isEmpty());
		browser.checkPage("inbox", browser.message("inbox.title"));

		browser.driver().findElement(By.cssSelector(".message-list a")).click();
		browser.waitForUrlContaining("/messages/", "the message opens");
		browser.checkPage("message", "Festival de otoño");
		assertThat(browser.driver().findElements(By.cssSelector(".nav-badge"))).noneMatch(badge -> badge.isDisplayed());

		browser.open("/messages/preferences");
		browser.checkPage("preferences", browser.message("preferences.title"));
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

	@AfterAll
	void removeTheFamilies() {
		jdbc.sql("delete from messaging.delivery where guardian_id in (select id from directory.guardian where given_name in (?, ?))")
			.params(Language.SPANISH.personName, Language.ARABIC.personName).update();
		jdbc.sql("delete from accounts.family_link where guardian_id in (select id from directory.guardian where given_name in (?, ?))")
			.params(Language.SPANISH.personName, Language.ARABIC.personName).update();
		fixtures.forEach(Districts::removeAll);
	}
}
