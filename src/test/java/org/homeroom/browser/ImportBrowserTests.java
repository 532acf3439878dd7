package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.oneroster.RosterSet;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district administrator imports the project's own small OneRoster set as a dry run (so that
 * the demo district other browser tests read stays as it is), watches it finish, and reads what
 * it would change: in every language, on a phone and a desktop.
 */
@ServerTest
class ImportBrowserTests {

	private static final Map<String, String> ADMINISTRATORS = new ConcurrentHashMap<>();

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("import-");

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("org.homeroom.browser.Browser#languagesAndScreens")
	void anAdministratorUploadsARosterAndSeesWhatItWouldChange(Language language, Screen screen) throws IOException {
		String administrator = ADMINISTRATORS.computeIfAbsent(language.tag,
				tag -> StaffAccounts.aDistrictAdmin().named(language.personName).speaking(tag).createIn(accounts));
		Path zip = Files.createTempFile("riverside-", ".zip");
		Files.write(zip, RosterSet.riverside().zip());
		Browser browser = BROWSERS.open(language, screen);

		browser.open("/sign-in?lang=" + language.tag);
		browser.signInAs(administrator);
		browser.open("/admin/imports");
		browser.checkPage("imports", browser.message("imports.title"));

		browser.driver().findElement(By.id("file")).sendKeys(zip.toString());
		browser.driver().findElement(By.id("dryRun")).click();
		browser.driver().findElement(By.cssSelector("form[action$='/admin/imports'] button[type=submit]")).click();
		browser.waitForUrlContaining("/admin/imports/", "the upload leads to its import's page");
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).withMessage("the import finishes and the page shows it")
			.until(chromium -> !chromium.findElements(By.cssSelector("#outcome:not([hx-get]) .badge")).isEmpty());

		String outcome = browser.driver().findElement(By.id("outcome")).getText();
		assertThat(outcome).contains(browser.message("imports.completed.dry-run"), browser.message("imports.kind.students"));
		browser.checkPage("import", browser.message("imports.result.title"));

		browser.open("/admin/imports");
		assertThat(browser.driver().findElement(By.cssSelector("table tbody")).getText()).contains(zip.getFileName().toString());
		browser.checkPage("imports-history", browser.message("imports.title"));
		Files.delete(zip);

		// A large import takes minutes; its page says how far it has got meanwhile.
		UUID running = RosterSet.runningImport(jdbc, "GUARDIANS");
		try {
			browser.open("/admin/imports/" + running);
			assertThat(browser.driver().findElement(By.id("import-progress")).getText())
				.contains(browser.message("imports.phase.GUARDIANS"));
			browser.checkPage("import-running", browser.message("imports.result.title"));
		}
		finally {
			jdbc.sql("delete from directory.roster_import where id = ?").param(running).update();
		}
		browser.open("/admin/imports");

		Path drop = Files.createTempDirectory("drop-");
		try {
			browser.driver().findElement(By.id("folder")).clear();
			browser.driver().findElement(By.id("folder")).sendKeys(drop.toString());
			if (!browser.driver().findElement(By.id("enabled")).isSelected()) {
				browser.driver().findElement(By.id("enabled")).click();
			}
			browser.driver().findElement(By.cssSelector("form[action$='/admin/imports/sync'] button[type=submit]")).click();
			// The click returns before the saved page has loaded; its "look now" button comes with it.
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the saved sync offers a look now")
				.until(chromium -> chromium.findElements(By.cssSelector("form[action$='/admin/imports/sync/run'] button"))
					.stream().findFirst().orElse(null))
				.click();
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the page says the folder is looked in soon")
				.until(chromium -> chromium.getPageSource().contains(browser.message("imports.sync.requested")));
			browser.checkPage("imports-sync", browser.message("imports.title"));
		}
		finally {
			jdbc.sql("update directory.roster_sync set enabled = false, folder = null, run_requested = false").update();
			Files.delete(drop);
		}
	}
}
