package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.DistrictClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The person the Time zone page is for: the demo district administrator, in a district whose
 * server does not fix the zone (the test configuration's HOMEROOM_TIME_ZONE is cleared here), finds
 * the page from Administration, chooses Honolulu by its name and offset, and is told it is saved.
 * She reads English (the demo account's language, which her pages follow once she is signed in).
 */
@ServerTest
@TestPropertySource(properties = "homeroom.directory.time-zone=")
class TimeZoneBrowserTests {

	private static final String DISTRICT_ADMIN = "admin@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("time-zone-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@AfterEach
	void backToTheDemoZone() {
		jdbc.sql("update directory.district set time_zone = 'America/Chicago'").update();
		clock.forget();
	}

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void theDistrictAdministratorSetsTheDistrictsTimeZone(Screen screen) {
		Language language = Language.ENGLISH;
		Browser admin = BROWSERS.open(language, screen);
		admin.open("/sign-in?lang=" + language.tag);
		admin.signInAs(DISTRICT_ADMIN, DEMO_PASSWORD);

		admin.open("/admin?lang=" + language.tag);
		admin.driver().findElement(By.cssSelector("main a[href$='/admin/time-zone']")).click();
		admin.waitForPathEnding("/admin/time-zone", "Administration leads to the Time zone page");
		admin.checkPage("page", admin.message("time-zone.title"));

		new Select(admin.driver().findElement(By.id("timeZone")))
			.selectByVisibleText("Pacific/Honolulu \u2014 Hawaii-Aleutian Time (UTC-10:00)");
		admin.driver().findElement(By.cssSelector("form[action$='/admin/time-zone'] button[type=submit]")).click();
		String saved = new WebDriverWait(admin.driver(), Duration.ofSeconds(10)).withMessage("the page says the zone is saved")
			.until(driver -> driver.findElements(By.cssSelector(".alert--success")).stream().findFirst()
				.map(alert -> alert.getText()).orElse(null));
		assertThat(saved).isEqualTo(admin.message("time-zone.saved"));
		assertThat(admin.driver().findElement(By.cssSelector("dl.definition dd")).getText()).startsWith("Pacific/Honolulu");
		assertThat(new Select(admin.driver().findElement(By.id("timeZone"))).getFirstSelectedOption()
			.getDomAttribute("value")).isEqualTo("Pacific/Honolulu");
		assertThat(admin.driver().findElement(By.cssSelector("dl.definition time")).getText()).as("the time there now").isNotBlank();
		admin.checkPage("saved", admin.message("time-zone.title"));
	}
}
