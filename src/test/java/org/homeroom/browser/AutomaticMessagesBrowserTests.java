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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The person the automatic messages' texts are for: the demo district administrator finds them
 * from Administration, opens the sign-in code, is told what she did wrong when her Spanish text
 * loses the code's placeholder, saves it with the placeholder, and restores the shipped text after
 * confirming.
 */
@ServerTest
class AutomaticMessagesBrowserTests {

	private static final String DISTRICT_ADMIN = "admin@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	private static final String SPANISH = "Distrito de Riverside: su código es {0}. Sirve durante {1} minutos.";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("automatic-messages-");

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void shippedTextsOnly() {
		jdbc.sql("delete from translation.curated_text where key = 'family.code.body'").update();
	}

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void theDistrictAdministratorRewordsTheSpanishSignInCode(Screen screen) {
		Language language = Language.ENGLISH;
		Browser admin = BROWSERS.open(language, screen);
		admin.open("/sign-in?lang=" + language.tag);
		admin.signInAs(DISTRICT_ADMIN, DEMO_PASSWORD);

		admin.open("/admin?lang=" + language.tag);
		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation/texts']")).click();
		admin.waitForPathEnding("/admin/translation/texts", "Administration leads to the automatic messages");
		admin.checkPage("list", admin.message("translation.curated.title"));

		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation/texts/family.code.body']")).click();
		admin.waitForPathEnding("/admin/translation/texts/family.code.body", "the name leads to the message");
		admin.checkPage("message", admin.message("translation.curated.message.family.code.body.name"));

		admin.driver().findElement(By.cssSelector("main a[href$='/family.code.body/es']")).click();
		admin.waitForPathEnding("/admin/translation/texts/family.code.body/es", "Edit leads to the Spanish form");
		WebElement text = admin.driver().findElement(By.id("text"));
		text.clear();
		text.sendKeys("Distrito de Riverside: su código llega pronto. Sirve durante {1} minutos.");
		admin.driver().findElement(By.cssSelector("main form.form button[type=submit]")).click();
		assertThat(admin.waitFor(By.id("text-error")).getText())
			.isEqualTo(admin.message("translation.curated.error.placeholders"));
		// The form comes back with 400, which the console reports; that one entry is expected, and taken here.
		assertThat(admin.driver().manage().logs().get(LogType.BROWSER).getAll()).as("the refused form's status")
			.anyMatch(entry -> entry.getMessage().contains("status of 400"));
		admin.checkPage("form-error", admin.message("translation.curated.edit.title",
				admin.message("translation.curated.message.family.code.body.name"), "Spanish (Español)"));

		text = admin.driver().findElement(By.id("text"));
		text.clear();
		text.sendKeys(SPANISH);
		admin.driver().findElement(By.cssSelector("main form.form button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/texts/family.code.body", "saving leads back to the message");
		assertThat(admin.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(admin.message("translation.curated.saved"));
		assertThat(admin.driver().findElement(By.cssSelector("section[aria-labelledby=lang-es] dd:last-of-type")).getText())
			.isEqualTo(SPANISH);
		admin.checkPage("saved", admin.message("translation.curated.message.family.code.body.name"));

		admin.driver().findElement(By.cssSelector("main a[href$='/family.code.body/es/restore']")).click();
		admin.checkPage("restore", admin.message("translation.curated.restore.title"));
		admin.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/texts/family.code.body", "restoring leads back to the message");
		assertThat(admin.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(admin.message("translation.curated.restored"));
		assertThat(jdbc.sql("select count(*) from translation.curated_text where key = 'family.code.body'").query(Long.class)
			.single()).isZero();
	}
}
