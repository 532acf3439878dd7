package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.homeroom.Prerequisites;
import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.platform.DevOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * A district administrator's pages, as a person sees them in a real browser: in English, Spanish
 * and Arabic, on a 360 px phone and a 1280 px desktop. Every page must pass axe-core's WCAG 2.1 AA
 * rules with no serious or critical violation, be in the administrator's language and writing
 * direction, fit a phone without sideways scrolling, and leave nothing in the console (which is
 * where a blocked inline script or style, or htmx refusing to evaluate code, shows up). Screenshots
 * land in {@code target/screenshots/} so that a person can look at each page too.
 */
@ServerTest
@ExtendWith(SoftAssertionsExtension.class)
class AdministratorBrowserTests {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Path PROJECT = Path.of(System.getProperty("homeroom.project.dir", System.getProperty("user.dir")));

	private static final Path AXE = PROJECT.resolve("node_modules/axe-core/axe.min.js");

	private static final Path SCREENSHOTS = PROJECT.resolve("target/screenshots");

	private static final String MISSING_PAGE = "/no-such-page";

	private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	/** One administrator per language, shared by the phone and the desktop run of that language. */
	private static final Map<String, String> ADMINISTRATORS = new ConcurrentHashMap<>();

	@Autowired
	Accounts accounts;

	@Autowired
	DevOutbox outbox;

	@Autowired
	MessageSource messages;

	@LocalServerPort
	int port;

	/** Page checks collect every fault, so that one run reports all of a page's problems. */
	@InjectSoftAssertions
	SoftAssertions softly;

	private ChromeDriver browser;

	private Path profile;

	/** An interface language, with what its people read and which way they read it. */
	enum Language {

		ENGLISH("en", "ltr", "Alex Morgan", "Sign in", "Your Homeroom account is ready"),
		SPANISH("es", "ltr", "Lucía Fernández", "Iniciar sesión", "Su cuenta de Homeroom está lista"),
		ARABIC("ar", "rtl", "ليلى حداد", "تسجيل الدخول", "حسابك في Homeroom جاهز");

		final String tag;

		final String direction;

		final String administratorName;

		/** Written out here rather than read from the bundle, so a wrong bundle cannot agree with itself. */
		final String signInHeading;

		final String welcomeMessageSubject;

		Language(String tag, String direction, String administratorName, String signInHeading,
				String welcomeMessageSubject) {
			this.tag = tag;
			this.direction = direction;
			this.administratorName = administratorName;
			this.signInHeading = signInHeading;
			this.welcomeMessageSubject = welcomeMessageSubject;
		}

		Locale locale() {
			return Locale.forLanguageTag(tag);
		}

		boolean rightToLeft() {
			return "rtl".equals(direction);
		}
	}

	/** The two screens the pages must serve well: a small phone and an ordinary laptop. */
	enum Screen {

		PHONE(360, 800), DESKTOP(1280, 900);

		final int width;

		final int height;

		Screen(int width, int height) {
			this.width = width;
			this.height = height;
		}

		@Override
		public String toString() {
			return width + " px";
		}
	}

	static Stream<Arguments> languagesAndScreens() {
		return Stream.of(Language.values())
			.flatMap(language -> Stream.of(Screen.values()).map(screen -> Arguments.of(language, screen)));
	}

	@BeforeAll
	static void requireChromiumAndAxe() {
		Prerequisites.require(Files.isExecutable(Path.of(CHROMIUM)), "Chromium (" + CHROMIUM + ", Debian package chromium)");
		Prerequisites.require(Files.isExecutable(Path.of(CHROMEDRIVER)),
				"ChromeDriver (" + CHROMEDRIVER + ", Debian package chromium-driver)");
		Prerequisites.require(Files.isReadable(AXE), "axe-core (" + AXE + "; run npm ci)");
	}

	@AfterEach
	void closeBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("languagesAndScreens")
	void anAdministratorCanUseEveryPageInTheirLanguageOnAPhoneAndADesktop(Language language, Screen screen) {
		String administrator = administratorSpeaking(language);
		browser = openBrowser(screen);

		browser.get(url("/sign-in?lang=" + language.tag));
		softly.assertThat(heading()).as("sign-in heading in %s", language).isEqualTo(language.signInHeading);
		checkPage(language, screen, "sign-in", "signin.title");

		browser.findElement(By.id("email")).sendKeys(administrator);
		browser.findElement(By.id("password")).sendKeys(StaffAccounts.PASSWORD);
		browser.findElement(By.cssSelector("form[action$='/sign-in'] button[type=submit]")).click();
		waitForPath("/", "signing in as " + administrator + " leads to the start page");
		checkPage(language, screen, "home", "home.welcome", language.administratorName);

		browser.get(url("/account"));
		checkPage(language, screen, "account", "account.title");

		// A token made through the form, so that the page shows its table and the one-time secret.
		String tokenName = "Nightly SIS sync " + screen.width;
		browser.get(url("/account/tokens"));
		browser.findElement(By.id("name")).sendKeys(tokenName);
		browser.findElement(By.cssSelector("form[action$='/account/tokens'] button[type=submit]")).click();
		assertThat(browser.findElement(By.cssSelector("code.secret")).getText()).isNotBlank();
		checkPage(language, screen, "tokens", "tokens.title");

		// The revoke link names its token for screen readers; follow it as a person would. On a phone
		// the table scrolls sideways (to the left in Arabic), so the link is brought into view first.
		String revokeLabel = message("tokens.revoke.named", language, tokenName);
		WebElement revoke = browser.findElements(By.cssSelector("a[href$='/revoke']"))
			.stream()
			.filter(link -> revokeLabel.equals(link.getDomAttribute("aria-label")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No revoke link labelled \"" + revokeLabel + "\""));
		browser.executeScript("arguments[0].scrollIntoView({ block: 'center', inline: 'center' })", revoke);
		revoke.click();
		waitForPathEnding("/revoke", "the revoke link leads to its confirmation page");
		checkPage(language, screen, "token-revoke", "tokens.revoke.title");

		browser.get(url("/dev/outbox"));
		waitForOneRefreshOfTheOutbox();
		assertThat(browser.findElement(By.id("outbox-messages")).getText()).contains(language.welcomeMessageSubject);
		checkPage(language, screen, "outbox", "outbox.title");

		browser.get(url(MISSING_PAGE));
		checkPage(language, screen, "not-found", "error.404.title");
	}

	/**
	 * Everything every page must get right. The heading proves the page came from the right message
	 * bundle; the rest is the same for every page.
	 */
	private void checkPage(Language language, Screen screen, String page, String headingKey, Object... headingArguments) {
		String where = language.tag + " " + screen + " " + page;

		softly.assertThat(script("return document.documentElement.lang")).as("<html lang> on %s", where).isEqualTo(language.tag);
		softly.assertThat(heading()).as("heading on %s", where).isEqualTo(message(headingKey, language, headingArguments));
		softly.assertThat(script("return document.documentElement.dir")).as("<html dir> on %s", where).isEqualTo(language.direction);
		softly.assertThat(script("return getComputedStyle(document.body).direction")).as("direction of the body on %s", where)
			.isEqualTo(language.direction);

		if (screen == Screen.DESKTOP) {
			assertThatTheHeaderReadsInTheLanguagesDirection(language, where);
		}
		if (screen == Screen.PHONE) {
			Number pageWidth = (Number) script("return document.documentElement.scrollWidth");
			Number viewportWidth = (Number) script("return window.innerWidth");
			softly.assertThat(pageWidth.intValue()).as("page width on %s (no sideways scrolling on a phone)", where)
				.isLessThanOrEqualTo(viewportWidth.intValue() + 1);
		}

		saveScreenshot(language.tag + "-" + screen.width + "-" + page, screen);
		assertNoSeriousAccessibilityViolations(where);
		assertNoCodeForHtmxToEvaluate(where);
		assertQuietConsole(where, "not-found".equals(page) ? url(MISSING_PAGE) : null);
	}

	/**
	 * htmx runs with allowEval=false under the content security policy, so hx-on handlers and
	 * trigger filters are switched off. A trigger filter reports that in the console at once; an
	 * hx-on handler only when its event fires, which a test may never do, so look for both here.
	 */
	@SuppressWarnings("unchecked")
	private void assertNoCodeForHtmxToEvaluate(String where) {
		List<String> code = (List<String>) script("""
				return [...document.querySelectorAll('*')].flatMap(element => [...element.attributes]
				  .filter(attribute => /^(data-)?hx-on/.test(attribute.name)
				    || (/^(data-)?hx-trigger$/.test(attribute.name) && attribute.value.includes('[')))
				  .map(attribute => element.localName + ' ' + attribute.name + '="' + attribute.value + '"'));
				""");
		softly.assertThat(code).as("htmx attributes that need eval on %s", where).isEmpty();
	}

	/** The brand starts the header: at the left edge in English, at the right edge in Arabic. */
	private void assertThatTheHeaderReadsInTheLanguagesDirection(Language language, String where) {
		WebElement brand = browser.findElement(By.cssSelector(".site-header .brand"));
		WebElement nav = browser.findElement(By.cssSelector(".site-header nav"));
		int brandLeft = brand.getRect().getX();
		int navLeft = nav.getRect().getX();
		if (language.rightToLeft()) {
			softly.assertThat(brandLeft).as("brand's left edge right of the navigation's on %s", where).isGreaterThan(navLeft);
		}
		else {
			softly.assertThat(brandLeft).as("brand's left edge left of the navigation's on %s", where).isLessThan(navLeft);
		}
	}

	@SuppressWarnings("unchecked")
	private void assertNoSeriousAccessibilityViolations(String where) {
		if (!Boolean.TRUE.equals(script("return typeof axe !== 'undefined'"))) {
			script(readAxe());
		}
		Map<String, Object> results = (Map<String, Object>) browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations', 'incomplete'] })
				  .then(results => done({
				    passes: results.passes.length,
				    incomplete: results.incomplete.map(check => check.id + ' at ' + check.nodes.map(node => node.target.join(' ')).join(', ')),
				    violations: results.violations.map(violation => ({
				      id: violation.id,
				      impact: violation.impact,
				      help: violation.help,
				      targets: violation.nodes.map(node => node.target.join(' '))
				    }))
				  }))
				  .catch(error => done({ error: String(error) }));
				""", WCAG_21_AA);
		if (results.get("error") != null) {
			softly.fail("axe-core could not check %s: %s", where, results.get("error"));
			return;
		}
		List<Map<String, Object>> violations = (List<Map<String, Object>>) results.get("violations");
		// Incomplete means axe could not decide (e.g. contrast over a gradient): logged for a person to look at.
		System.out.printf("axe %s: %s rules passed, %d violated %s, undecided %s%n", where, results.get("passes"),
				violations.size(),
				violations.stream().map(violation -> violation.get("id") + " (" + violation.get("impact") + ")").toList(),
				results.get("incomplete"));
		List<String> serious = new ArrayList<>();
		for (Map<String, Object> violation : violations) {
			if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
				serious.add(violation.get("impact") + " " + violation.get("id") + ": " + violation.get("help") + " at "
						+ violation.get("targets"));
			}
		}
		softly.assertThat(serious).as("serious or critical WCAG 2.1 AA violations on %s", where).isEmpty();
	}

	/**
	 * Anything SEVERE in the console is a fault a person would not notice and a test should: a
	 * script or style blocked by the content security policy, htmx refusing to evaluate code, a
	 * missing file. The one entry expected is the 404 of a page that does not exist, and that one
	 * must be there: it shows that the error page answers with its status, not with 200.
	 */
	private void assertQuietConsole(String where, String missingPageUrl) {
		List<String> severe = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
		List<String> unexpected = severe.stream()
			.filter(message -> missingPageUrl == null || !isNotFound(message, missingPageUrl))
			.toList();
		softly.assertThat(unexpected).as("SEVERE console messages on %s", where).isEmpty();
		if (missingPageUrl != null) {
			softly.assertThat(severe).as("a 404 status for the missing page on %s", where)
				.anyMatch(message -> isNotFound(message, missingPageUrl));
		}
	}

	private static boolean isNotFound(String consoleMessage, String url) {
		return consoleMessage.startsWith(url + " ") && consoleMessage.contains("status of 404");
	}

	/** The outbox refreshes itself with htmx; one refresh proves the swap works under the CSP. */
	private void waitForOneRefreshOfTheOutbox() {
		Object refreshed = browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const timeout = setTimeout(() => done(false), 8000);
				document.body.addEventListener('htmx:afterSettle', () => { clearTimeout(timeout); done(true); }, { once: true });
				""");
		assertThat(refreshed).as("the outbox refreshed itself within 8 s").isEqualTo(true);
	}

	private String administratorSpeaking(Language language) {
		return ADMINISTRATORS.computeIfAbsent(language.tag, tag -> {
			String email = StaffAccounts.aDistrictAdmin().named(language.administratorName).speaking(tag).createIn(accounts);
			// Something in the outbox, so that its page shows a message and not only its empty state.
			outbox.record(DevOutbox.Channel.EMAIL, email, language.welcomeMessageSubject, language.welcomeMessageSubject + "\n\n"
					+ message("home.lead", language));
			return email;
		});
	}

	private ChromeDriver openBrowser(Screen screen) {
		try {
			profile = Files.createTempDirectory("homeroom-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile,
				"--window-size=" + screen.width + "," + screen.height);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		// The driver is named outright, so that Selenium Manager never looks for (or downloads) one.
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		emulate(driver, screen.width, screen.height);
		if (screen == Screen.PHONE) {
			// As on a phone, scrollbars float over the page and take no width from the layout.
			driver.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
		}
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		Number viewport = (Number) driver.executeScript("return window.innerWidth");
		assertThat(viewport.intValue()).as("the browser's viewport width").isEqualTo(screen.width);
		return driver;
	}

	/**
	 * A screenshot of the whole page, not just what fits in the window: the viewport grows to the
	 * page's height for the picture and then goes back.
	 */
	private void saveScreenshot(String name, Screen screen) {
		Number pageHeight = (Number) script("return document.documentElement.scrollHeight");
		emulate(browser, screen.width, Math.max(pageHeight.intValue(), screen.height));
		byte[] png = browser.getScreenshotAs(OutputType.BYTES);
		emulate(browser, screen.width, screen.height);
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Chromium will not make a window narrower than 500 px, so the screen size is emulated. */
	private static void emulate(ChromeDriver driver, int width, int height) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText().strip();
	}

	private String message(String key, Language language, Object... arguments) {
		return messages.getMessage(key, arguments, language.locale());
	}

	private Object script(String script) {
		return browser.executeScript(script);
	}

	private void waitForPath(String path, String expectation) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage(expectation)
			.until(driver -> driver.getCurrentUrl().equals(url(path)));
	}

	private void waitForPathEnding(String suffix, String expectation) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage(expectation)
			.until(driver -> driver.getCurrentUrl().endsWith(suffix));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private static String readAxe() {
		try {
			return Files.readString(AXE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
