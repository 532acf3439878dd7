package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A district administrator writes to a school's families: the form, the preview of whom it will
 * reach, the announcement with its delivery report, and the list, in every language and on a phone.
 */
@ServerTest
class AnnouncementBrowserTests {

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("announcement-");

	@Autowired
	Accounts accounts;

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("org.homeroom.browser.Browser#languagesAndScreens")
	void anAdministratorPreviewsAndSendsAnAnnouncementToASchool(Language language, Screen screen) {
		String administrator = StaffAccounts.aDistrictAdmin().named(language.personName).speaking(language.tag)
			.createIn(accounts);
		Browser browser = BROWSERS.open(language, screen);
		browser.open("/sign-in?lang=" + language.tag);
		browser.signInAs(administrator);

		browser.open("/announcements/new");
		browser.checkPage("form", browser.message("announcements.new"));
		new Select(browser.driver().findElement(By.id("schoolIds"))).selectByIndex(0);
		browser.driver().findElement(By.id("subject")).sendKeys("Picture day " + screen.width);
		browser.driver().findElement(By.id("body")).sendKeys("Dear {guardianName}, picture day is on Friday.");
		browser.driver().findElement(By.cssSelector("button[name=action][value=preview]")).click();
		// The form's address is the same before and after, so wait for the preview itself.
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the preview comes back to the form")
			.until(driver -> !driver.findElements(By.id("preview-heading")).isEmpty());
		browser.checkPage("preview", browser.message("announcements.new"));

		browser.driver().findElement(By.cssSelector("button[name=action][value=send]")).click();
		browser.waitForUrlMatching(".*/announcements/[0-9a-f-]{36}$", "sending leads to the announcement");
		assertThat(browser.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(browser.message("announcement.sent"));
		// The worker releases it a moment later; until then the page says it is being sent. Then the
		// report counts this school's families: every one is queued, sending, sent, skipped or failed.
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).withMessage("the report counts the released families")
			.until(driver -> {
				driver.navigate().refresh();
				return reported(driver) > 0;
			});
		browser.checkPage("announcement", "Picture day " + screen.width);

		// The demo district has families with no contact on file: they become call tasks, unassigned here
		// because this administrator is not on the staff list.
		browser.driver().findElement(By.cssSelector("form[action$='/call-tasks'] button")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).withMessage("making the call tasks says how many")
			.until(driver -> driver.findElements(By.cssSelector(".alert--success")).stream()
				.anyMatch(alert -> !alert.getText().equals(browser.message("announcement.sent"))));
		browser.open("/tasks?assignee=all");
		browser.checkPage("tasks", browser.message("tasks.title"));
		browser.driver().findElement(By.cssSelector("tbody a")).click();
		browser.waitForUrlMatching(".*/tasks/[0-9a-f-]{36}$", "a task opens");
		browser.driver().findElement(By.id("text")).sendKeys("Left a voicemail");
		browser.driver().findElement(By.cssSelector("form button[type=submit].button:not(.button--secondary)")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).withMessage("saving the task says so")
			.until(driver -> !driver.findElements(By.cssSelector(".alert--success")).isEmpty());
		assertThat(browser.driver().findElement(By.cssSelector(".alert--success")).getText()).isEqualTo(browser.message("tasks.saved"));
		assertThat(browser.driver().findElement(By.id("notes-heading")).findElement(By.xpath("..")).getText()).contains("Left a voicemail");
		browser.checkPage("task", browser.driver().findElement(By.tagName("h1")).getText());

		browser.open("/announcements");
		browser.checkPage("list", browser.message("announcements.title"));
	}

	/**
	 * The saved templates: an empty list, the form with its errors beside the fields, the list with
	 * the saved one, its own page, and the question before it is deleted.
	 */
	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("org.homeroom.browser.Browser#languagesAndScreens")
	void anAdministratorSavesATemplateForASchoolAndDeletesIt(Language language, Screen screen) {
		String administrator = StaffAccounts.aDistrictAdmin().named(language.personName).speaking(language.tag)
			.createIn(accounts);
		Browser browser = BROWSERS.open(language, screen);
		browser.open("/sign-in?lang=" + language.tag);
		browser.signInAs(administrator);

		browser.open("/announcements");
		browser.driver().findElement(By.cssSelector(".page-header a[href$='/announcements/templates']")).click();
		browser.waitForPathEnding("/announcements/templates", "the announcements page links to the saved templates");
		browser.open("/announcements/templates?q=" + screen.width + "-" + System.nanoTime());
		browser.checkPage("templates-empty", browser.message("templates.title"));

		browser.open("/announcements/templates/new");
		new Select(browser.driver().findElement(By.id("schoolId"))).selectByIndex(1);
		browser.driver().findElement(By.id("subject")).sendKeys("Picture day at {school}");
		browser.driver().findElement(By.id("body")).sendKeys("Dear {guardianName}, {childName} smiles on {day}.");
		browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.withMessage("the form comes back with its errors")
			.until(driver -> !driver.findElements(By.cssSelector(".field-error")).isEmpty());
		browser.checkPage("template-errors", browser.message("templates.new"));

		String name = "Picture day " + language.tag + " " + screen.width + " " + System.nanoTime();
		browser.driver().findElement(By.id("name")).sendKeys(name);
		browser.driver().findElement(By.id("body")).clear();
		browser.driver().findElement(By.id("body")).sendKeys("Dear {guardianName}, {childName} smiles on Friday.");
		browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		browser.waitForUrlMatching(".*/announcements/templates\\?schoolId=[0-9a-f-]{36}$", "saving leads to the school's list");
		assertThat(browser.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(browser.message("templates.saved", name));
		browser.checkPage("templates", browser.message("templates.title"));

		browser.driver().findElement(By.linkText(name)).click();
		browser.waitForUrlMatching(".*/announcements/templates/[0-9a-f-]{36}$", "the name leads to the template");
		browser.checkPage("template", name);

		browser.driver().findElement(By.cssSelector("a.button--danger")).click();
		browser.waitForUrlMatching(".*/announcements/templates/[0-9a-f-]{36}/delete$", "delete asks first");
		browser.checkPage("template-delete", browser.message("templates.delete.title"));
		browser.driver().findElement(By.cssSelector("main form button.button--danger")).click();
		browser.waitForUrlMatching(".*/announcements/templates\\?schoolId=[0-9a-f-]{36}$", "deleting leads to the list");
		assertThat(browser.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(browser.message("templates.deleted", name));
	}

	private static long reported(WebDriver driver) {
		return driver.findElements(By.cssSelector("#report-heading ~ .table-wrap tbody td")).stream()
			.mapToLong(cell -> Long.parseLong(cell.getDomProperty("textContent").strip())).sum();
	}
}
