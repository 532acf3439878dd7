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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo teacher, who reads Spanish, finds her office hours from her account, chooses an end
 * before its start on Monday and is told so beside the field, then keeps a morning and an
 * afternoon with a note for families, and sees them saved.
 */
@ServerTest
class OfficeHoursBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("office-hours-");

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void theDemoTeacherKeepsTheSchoolDayAgain() {
		jdbc.sql("delete from messaging.office_hours where staff_id = (select id from directory.staff where email = ?)")
			.param(TEACHER).update();
	}

	@ParameterizedTest(name = "Spanish at {0}")
	@EnumSource(Screen.class)
	void theDemoTeacherSetsHerOfficeHours(Screen screen) {
		Browser teacher = BROWSERS.open(Language.SPANISH, screen);
		teacher.open("/sign-in?lang=es");
		teacher.signInAs(TEACHER, DEMO_PASSWORD);

		teacher.open("/account");
		teacher.driver().findElement(By.cssSelector("main a[href$='/account/office-hours']")).click();
		teacher.waitForPathEnding("/account/office-hours", "the account page leads to office hours");
		assertThat(teacher.driver().findElement(By.cssSelector("#default-hours li")).getText()).isEqualTo("Lunes: de 8:00 a 16:00");
		teacher.checkPage("page", teacher.message("officehours.title"));

		choose(teacher, "span-0-start", "12:00");
		choose(teacher, "span-0-end", "08:00");
		submit(teacher);
		String error = wait(teacher).withMessage("the fault is shown beside the end")
			.until(driver -> driver.findElements(By.id("span-0-end-error")).stream().findFirst().map(found -> found.getText()).orElse(null));
		assertThat(error).isEqualTo(teacher.message("officehours.error.end-before-start"));
		// The form comes back with 400, which the console reports; that one entry is expected, and taken here.
		assertThat(teacher.driver().manage().logs().get(LogType.BROWSER).getAll()).as("the refused form's status")
			.anyMatch(entry -> entry.getMessage().contains("status of 400"));
		teacher.checkPage("error", teacher.message("officehours.title"));

		choose(teacher, "span-0-start", "08:00");
		choose(teacher, "span-0-end", "12:00");
		choose(teacher, "span-1-start", "13:00");
		choose(teacher, "span-1-end", "15:30");
		choose(teacher, "span-8-start", "09:00");
		choose(teacher, "span-8-end", "11:00");
		teacher.driver().findElement(By.id("note")).sendKeys("Fuera hasta el lunes");
		submit(teacher);
		String saved = wait(teacher).withMessage("the page says the hours are saved")
			.until(driver -> driver.findElements(By.cssSelector(".alert--success")).stream().findFirst().map(found -> found.getText())
				.orElse(null));
		assertThat(saved).isEqualTo(teacher.message("officehours.saved"));
		assertThat(new Select(teacher.driver().findElement(By.id("span-1-end"))).getFirstSelectedOption().getText()).isEqualTo("15:30");
		assertThat(teacher.driver().findElements(By.id("default-hours"))).as("her own hours now").isEmpty();
		teacher.checkPage("saved", teacher.message("officehours.title"));
	}

	private static void choose(Browser browser, String id, String value) {
		new Select(browser.driver().findElement(By.id(id))).selectByValue(value);
	}

	private static void submit(Browser browser) {
		browser.driver().findElement(By.cssSelector("form.office-hours button[type=submit]")).click();
	}

	private static WebDriverWait wait(Browser browser) {
		WebDriver driver = browser.driver();
		return new WebDriverWait(driver, Duration.ofSeconds(10));
	}
}
