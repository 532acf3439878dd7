package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.platform.DevOutbox;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * A district administrator's pages, as a person sees them in a real browser: in English, Spanish
 * and Arabic, on a 360 px phone and a 1280 px desktop, each page held to the checks of
 * {@link Browser}.
 */
@ServerTest
class AdministratorBrowserTests {

	private static final String MISSING_PAGE = "/no-such-page";

	/** One administrator per language, shared by the phone and the desktop run of that language. */
	private static final Map<String, String> ADMINISTRATORS = new ConcurrentHashMap<>();

	@Autowired
	Accounts accounts;

	@Autowired
	DevOutbox outbox;

	@Autowired
	MessageSource messages;

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("");

	private Browser browser;

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("org.homeroom.browser.Browser#languagesAndScreens")
	void anAdministratorCanUseEveryPageInTheirLanguageOnAPhoneAndADesktop(Language language, Screen screen) {
		String administrator = administratorSpeaking(language);
		browser = BROWSERS.open(language, screen);

		browser.open("/sign-in?lang=" + language.tag);
		browser.softly().assertThat(browser.heading()).as("sign-in heading in %s", language).isEqualTo(language.signInHeading);
		browser.checkPage("sign-in", browser.message("signin.title"));

		browser.signInAs(administrator);
		browser.checkPage("home", browser.message("home.welcome", language.personName));

		browser.open("/account");
		browser.checkPage("account", browser.message("account.title"));

		// A token made through the form, so that the page shows its table and the one-time secret.
		String tokenName = "Nightly SIS sync " + screen.width;
		browser.open("/account/tokens");
		browser.driver().findElement(By.id("name")).sendKeys(tokenName);
		browser.driver().findElement(By.cssSelector("form[action$='/account/tokens'] button[type=submit]")).click();
		// The click returns before the answer has loaded: wait for the page that shows the secret.
		String secret = new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the new token's secret is shown")
			.until(chromium -> chromium.findElements(By.cssSelector("code.secret")).stream().findFirst()
				.map(WebElement::getText).orElse(null));
		assertThat(secret).isNotBlank();
		browser.checkPage("tokens", browser.message("tokens.title"));

		// The revoke link names its token for screen readers; follow it as a person would. On a phone
		// the table scrolls sideways (to the left in Arabic), so the link is brought into view first.
		String revokeLabel = browser.message("tokens.revoke.named", tokenName);
		WebElement revoke = browser.driver().findElements(By.cssSelector("a[href$='/revoke']"))
			.stream()
			.filter(link -> revokeLabel.equals(link.getDomAttribute("aria-label")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No revoke link labelled \"" + revokeLabel + "\""));
		browser.driver().executeScript("arguments[0].scrollIntoView({ block: 'center', inline: 'center' })", revoke);
		revoke.click();
		browser.waitForPathEnding("/revoke", "the revoke link leads to its confirmation page");
		browser.checkPage("token-revoke", browser.message("tokens.revoke.title"));

		browser.open("/dev/outbox");
		waitForOneRefreshOfTheOutbox();
		assertThat(browser.driver().findElement(By.id("outbox-messages")).getText()).contains(welcomeSubject(language));
		browser.checkPage("outbox", browser.message("outbox.title"));

		browser.open("/security-log");
		browser.checkPage("security-log", browser.message("security.title"));

		browser.open("/admin");
		assertThat(browser.driver().findElements(By.cssSelector("main a.card--link"))).hasSizeGreaterThanOrEqualTo(4);
		browser.checkPage("administration", browser.message("administration.title"));

		browser.open(MISSING_PAGE);
		browser.checkMissingPage("not-found", browser.message("error.404.title"));
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("org.homeroom.browser.Browser#languagesAndScreens")
	void anAdministratorSetsUpTwoStepSignInAndIsAskedForACodeAtTheNextSignIn(Language language, Screen screen)
			throws InterruptedException {
		String administrator = StaffAccounts.aDistrictAdmin().named(language.personName).speaking(language.tag)
			.createIn(accounts);
		browser = BROWSERS.open(language, screen);
		browser.open("/sign-in?lang=" + language.tag);
		browser.signInAs(administrator);

		browser.open("/account/two-step");
		browser.checkPage("two-step-setup", browser.message("two-step.settings.title"));
		String secret = browser.driver().findElement(By.cssSelector("[data-secret]")).getText();
		browser.driver().findElement(By.id("code")).sendKeys(SignIn.codeFromApp(administrator, secret));
		browser.driver().findElement(By.cssSelector("form[action$='/two-step/enable'] button[type=submit]")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).withMessage("the right code shows the recovery codes")
			.until(driver -> !driver.findElements(By.cssSelector("[data-recovery-code]")).isEmpty());
		assertThat(browser.driver().findElements(By.cssSelector("[data-recovery-code]"))).hasSize(10);
		browser.checkPage("recovery-codes", browser.message("two-step.codes.title"));

		browser.open("/admin/two-step/policy");
		browser.checkPage("two-step-policy", browser.message("two-step.policy.title"));

		browser.signOut();
		browser.driver().findElement(By.id("email")).sendKeys(administrator);
		browser.driver().findElement(By.id("password")).sendKeys(StaffAccounts.PASSWORD);
		browser.driver().findElement(By.cssSelector("form:has(#password) button[type=submit]")).click();
		browser.waitForPath("/sign-in/second-step", "with a second factor, the password leads to the second step");
		browser.checkPage("second-step", browser.message("two-step.title"));
		browser.driver().findElement(By.id("code")).sendKeys(SignIn.codeFromApp(administrator, secret));
		browser.driver().findElement(By.cssSelector("form[action$='/second-step'] button[type=submit]")).click();
		browser.waitForPath("/", "the right code leads on to the start page");
	}

	/** The outbox refreshes itself with htmx; one refresh proves the swap works under the CSP. */
	private void waitForOneRefreshOfTheOutbox() {
		Object refreshed = browser.driver().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const timeout = setTimeout(() => done(false), 8000);
				document.body.addEventListener('htmx:afterSettle', () => { clearTimeout(timeout); done(true); }, { once: true });
				""");
		assertThat(refreshed).as("the outbox refreshed itself within 8 s").isEqualTo(true);
	}

	private String administratorSpeaking(Language language) {
		return ADMINISTRATORS.computeIfAbsent(language.tag, tag -> {
			String email = StaffAccounts.aDistrictAdmin().named(language.personName).speaking(tag).createIn(accounts);
			// Something in the outbox, so that its page shows a message and not only its empty state.
			outbox.record(DevOutbox.Channel.EMAIL, email, welcomeSubject(language), welcomeSubject(language) + "\n\n"
					+ messages.getMessage("home.lead", null, language.locale()));
			return email;
		});
	}

	/** Written out here rather than read from the bundle, like the sign-in heading. */
	private static String welcomeSubject(Language language) {
		return switch (language) {
			case ENGLISH -> "Your Homeroom account is ready";
			case SPANISH -> "Su cuenta de Homeroom está lista";
			case ARABIC -> "حسابك في Homeroom جاهز";
			case VIETNAMESE, CHINESE -> throw new IllegalArgumentException("staff pages are not in " + language);
		};
	}
}
