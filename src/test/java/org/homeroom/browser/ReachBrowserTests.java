package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.StaffAccounts;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.homeroom.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A principal opens Reach from Administration, on a desktop and on a 360 px phone, and reads how
 * their school's families were reached by family language: on the phone the wide table becomes one
 * card per language, each figure with its column's name.
 */
@ServerTest
class ReachBrowserTests {

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("reach-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Announcements announcements;

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void aPrincipalReadsWhichOfTheirFamiliesWereReachedAndInTheirLanguage(Screen screen) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Lakeside Elementary " + run);
		for (String language : List.of("en", "es", "so", "vi")) {
			UUID child = given.aStudent("Kid" + language).inGrade("02").enrolledAt(school, districtClock.today().minusMonths(1)).id();
			var guardian = given.aGuardian("Parent" + language, "Reach" + run).ofStudent(child).withEducationalRights()
				.speaking(language);
			if (!language.equals("vi")) {
				guardian.reachableByEmail(language + "." + run + "@family.example");
			}
		}
		String principal = StaffAccounts.aStaffMember().named("Marta Reach").withRole(Role.SCHOOL_ADMIN).speaking("en")
			.createIn(accounts);
		given.assign(given.staff("Marta", "Reach", principal), school, "SCHOOL_ADMIN");
		UUID announcement = announcements.create(directory.viewerOf("reach.browser@district.test", Set.of("DISTRICT_ADMIN")),
				new AnnouncementRequest(new AudienceCriteria(false, Set.of(school), null, null, null, null, null),
						"Picture day " + run, "Dear {guardianName}, picture day is on Friday.", Category.URGENT,
						Set.of(Channel.IN_APP), null),
				null).announcement().id();
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select count(*) from messaging.delivery where announcement_id = ? and status = 'SENT'""")
			.param(announcement).query(Long.class).single() == 3);

		Browser browser = BROWSERS.open(Language.ENGLISH, screen);
		browser.open("/sign-in?lang=en");
		browser.signInAs(principal);
		browser.open("/admin");
		browser.driver().findElement(By.cssSelector("main a[href$='/reports/reach']")).click();
		browser.waitForPath("/reports/reach", "Administration leads to Reach");

		// The count and its share may wrap onto two lines; how many line breaks the browser reports depends on the layout.
		WebElement somali = browser.driver().findElement(By.cssSelector("#reach-who tr[data-language=so]"));
		assertThat(browser.driver().findElement(By.cssSelector("#reach-how tr[data-language=so] td[data-column=UNTRANSLATED]")).getText()
			.replaceAll("\\s+", " ")).isEqualTo("1 (100%)");
		WebElement total = browser.driver().findElement(By.cssSelector("#reach-by-language tr.total"));
		assertThat(total.findElement(By.cssSelector("td[data-column=reached]")).getText().replaceAll("\\s+", " ")).isEqualTo("3 (75%)");
		assertThat(total.findElement(By.cssSelector("td[data-column=not-reached]")).getText().replaceAll("\\s+", " ")).isEqualTo("1 (25%)");
		if (screen == Screen.PHONE) {
			assertThat(browser.driver().findElement(By.cssSelector("#reach-by-language thead")).getSize().getHeight())
				.as("on a phone the header row is hidden and each cell names its column").isLessThanOrEqualTo(1);
			assertThat(somali.getSize().getWidth()).as("one card per language, as wide as the screen allows")
				.isLessThanOrEqualTo(screen.width);
		}
		browser.checkPage("reach", browser.message("reach.title"));
	}
}
