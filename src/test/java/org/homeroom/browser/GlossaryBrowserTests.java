package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The person the glossary is for: the demo district administrator finds it from Administration,
 * is told what she missed when she saves a term without a translation, gives "IEP" its Spanish
 * translation, finds it in the list, and deletes it after confirming.
 */
@ServerTest
class GlossaryBrowserTests {

	private static final String DISTRICT_ADMIN = "admin@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("glossary-");

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void emptyGlossary() {
		jdbc.sql("delete from translation.glossary_term").update();
	}

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void theDistrictAdministratorKeepsTheGlossary(Screen screen) {
		Language language = Language.ENGLISH;
		Browser admin = BROWSERS.open(language, screen);
		admin.open("/sign-in?lang=" + language.tag);
		admin.signInAs(DISTRICT_ADMIN, DEMO_PASSWORD);

		admin.open("/admin?lang=" + language.tag);
		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation/glossary']")).click();
		admin.waitForPathEnding("/admin/translation/glossary", "Administration leads to the glossary");
		admin.checkPage("empty", admin.message("translation.glossary.title"));

		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation/glossary/new']")).click();
		admin.waitForPathEnding("/admin/translation/glossary/new", "the button leads to the form");
		admin.driver().findElement(By.id("term")).sendKeys("IEP");
		admin.driver().findElement(By.cssSelector("main form.form button[type=submit]")).click();
		assertThat(admin.waitFor(By.id("texts-error")).getText()).isEqualTo(admin.message("translation.glossary.error.none"));
		// The form comes back with 400, which the console reports; that one entry is expected, and taken here.
		assertThat(admin.driver().manage().logs().get(LogType.BROWSER).getAll()).as("the refused form's status")
			.anyMatch(entry -> entry.getMessage().contains("status of 400"));
		admin.checkPage("form-error", admin.message("translation.glossary.new"));

		admin.driver().findElement(By.xpath("//label[text()='Spanish (es)']")).click();
		admin.driver().switchTo().activeElement().sendKeys("PEI");
		admin.driver().findElement(By.cssSelector("main form.form button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/glossary?q=IEP", "saving leads to the term in the list");
		assertThat(admin.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(admin.message("translation.glossary.saved", "IEP"));
		assertThat(admin.driver().findElement(By.cssSelector("tbody dl dd")).getText()).isEqualTo("PEI");
		admin.checkPage("list", admin.message("translation.glossary.title"));

		admin.driver().findElement(By.cssSelector("tbody a[href$='/delete']")).click();
		admin.checkPage("delete", admin.message("translation.glossary.delete.title"));
		admin.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/glossary", "deleting leads back to the list");
		assertThat(admin.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(admin.message("translation.glossary.deleted", "IEP"));
		assertThat(jdbc.sql("select count(*) from translation.glossary_term").query(Long.class).single()).isZero();
	}
}
