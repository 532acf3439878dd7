package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The person Administration → Schools is for: the demo district administrator, in English, finds
 * the page from Administration, finds Riverside High by name, gives its office a new phone written
 * as she would say it, and sees it in the list as families will read it. On a 360-px phone the
 * table's rows are cards.
 */
@ServerTest
class SchoolsBrowserTests {

	private static final String DISTRICT_ADMIN = "admin@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("schools-");

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void theDemoPhoneAgain() {
		jdbc.sql("update directory.school set office_phone = '+13125550103' where name = 'Riverside High'").update();
	}

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void theDistrictAdministratorSetsASchoolsOfficePhone(Screen screen) {
		Language language = Language.ENGLISH;
		Browser admin = BROWSERS.open(language, screen);
		admin.open("/sign-in?lang=" + language.tag);
		admin.signInAs(DISTRICT_ADMIN, DEMO_PASSWORD);

		admin.open("/admin?lang=" + language.tag);
		admin.driver().findElement(By.cssSelector("main a[href$='/admin/schools']")).click();
		admin.waitForPathEnding("/admin/schools", "Administration leads to the Schools page");
		admin.checkPage("list", admin.message("schools.title"));

		admin.driver().findElement(By.id("q")).sendKeys("Riverside High");
		admin.driver().findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
		admin.waitForUrlContaining("q=Riverside+High", "the search is in the address");
		WebElement row = admin.driver().findElement(By.cssSelector("tbody tr"));
		assertThat(row.getText()).contains("Riverside High", "(312) 555-0103");
		if (screen == Screen.PHONE) {
			assertThat(row.findElement(By.cssSelector("td")).getCssValue("display")).as("a row is a card on a phone").isEqualTo("grid");
		}
		row.findElement(By.cssSelector("a.button")).click();
		admin.waitForUrlMatching(".*/admin/schools/[0-9a-f-]{36}$", "Edit opens the school's form");
		admin.checkPage("form", "Riverside High");

		WebElement phone = admin.driver().findElement(By.id("officePhone"));
		assertThat(phone.getDomProperty("value")).isEqualTo("(312) 555-0103");
		phone.clear();
		phone.sendKeys("202 555 0143");
		admin.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		String saved = new WebDriverWait(admin.driver(), Duration.ofSeconds(10)).withMessage("the page says the phone is saved")
			.until(driver -> driver.findElements(By.cssSelector(".alert--success")).stream().findFirst()
				.map(WebElement::getText).orElse(null));
		assertThat(saved).isEqualTo("The office phone of Riverside High is now (202) 555-0143.");
		assertThat(jdbc.sql("select office_phone from directory.school where name = 'Riverside High'").query(String.class).single())
			.isEqualTo("+12025550143");
		admin.checkPage("saved", admin.message("schools.title"));
	}
}
