package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.Districts;
import org.homeroom.platform.DevOutbox;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district administrator manages staff accounts in a real browser: finds a new staff record,
 * invites it, opens its page; the invited person chooses a password; and the password reset form.
 * Each page is held to the checks of {@link Browser} on a phone and a desktop.
 */
@ServerTest
class AccountManagementBrowserTests {

	@Autowired
	Accounts accounts;

	@Autowired
	DevOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("accounts-");

	/** English on both screens, and the right-to-left language on a phone, where layouts break first. */
	static Stream<Arguments> screens() {
		return Stream.of(Arguments.of(Language.ENGLISH, Screen.PHONE), Arguments.of(Language.ENGLISH, Screen.DESKTOP),
				Arguments.of(Language.ARABIC, Screen.PHONE), Arguments.of(Language.SPANISH, Screen.DESKTOP));
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("screens")
	void aDistrictAdministratorInvitesANewMemberOfStaffWhoThenChoosesAPassword(Language language, Screen screen) {
		Districts given = Districts.in(jdbc);
		StringBuilder letters = new StringBuilder("Invitee");
		java.util.concurrent.ThreadLocalRandom.current().ints(6, 'a', 'z' + 1).forEach(letter -> letters.append((char) letter));
		String family = letters.toString();
		String email = family.toLowerCase() + "@riverside.example";
		UUID school = jdbc.sql("select id from directory.school where name = 'Riverside Middle'").query(UUID.class).single();
		UUID record = given.staff("Noor", family, email);
		given.assign(record, school, "TEACHER");
		String administrator = StaffAccounts.aDistrictAdmin().named(language.personName).speaking(language.tag)
			.createIn(accounts);
		Browser browser = BROWSERS.open(language, screen);

		browser.open("/sign-in?lang=" + language.tag);
		browser.signInAs(administrator);
		browser.open("/admin/accounts?q=" + family);
		browser.checkPage("list", browser.message("staffaccounts.title"));
		browser.softly().assertThat(browser.driver().findElements(By.cssSelector("tbody tr"))).hasSize(1);

		browser.driver().findElement(By.cssSelector("input[name=staffId]")).click();
		browser.driver().findElement(By.cssSelector("#invite-form .actions button:not([formaction])")).click();
		// The list's address holds the filter before and after, so wait for the answer itself.
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("inviting leads back to the filtered list")
			.until(driver -> !driver.findElements(By.cssSelector(".alert--success")).isEmpty());
		assertThat(browser.driver().getCurrentUrl()).contains("q=" + family);
		assertThat(browser.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(browser.message("staffaccounts.invited", 1));
		browser.checkPage("list-invited", browser.message("staffaccounts.title"));

		browser.driver().findElement(By.cssSelector("tbody a")).click();
		browser.waitForPathEnding("/admin/accounts/" + record, "the name leads to the account's page");
		browser.checkPage("detail", "Noor " + family);

		browser.signOut();
		browser.open(invitationPath(email));
		browser.checkPage("invitation", browser.message("staffaccounts.accept.title"));
		browser.driver().findElement(By.id("password")).sendKeys(StaffAccounts.PASSWORD);
		browser.driver().findElement(By.id("confirmation")).sendKeys(StaffAccounts.PASSWORD);
		browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
		browser.waitForUrlContaining("/sign-in?invited", "accepting leads to the sign-in page");
		browser.checkPage("sign-in-invited", browser.message("signin.title"));

		browser.open("/password-reset");
		browser.checkPage("forgot", browser.message("staffaccounts.forgot.title"));
		browser.open("/sign-in");
		browser.signInAs(email);
		browser.open("/account");
		browser.checkPage("account-sessions", browser.message("account.title"));
	}

	/** The invitation reaches the development outbox in demo mode, as it would reach a mailbox. */
	private String invitationPath(String email) {
		String body = outbox.latest(email, 0, 1).get(0).body();
		Matcher link = Pattern.compile("https?://[^/\\s]+(/invitation/[A-Za-z0-9_-]+)").matcher(body);
		assertThat(link.find()).as("an invitation link in %s", body).isTrue();
		return link.group(1);
	}
}
