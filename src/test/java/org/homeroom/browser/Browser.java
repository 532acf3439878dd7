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
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.homeroom.Prerequisites;
import org.homeroom.accounts.StaffAccounts;
import org.junit.jupiter.params.provider.Arguments;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.MessageSource;

/**
 * Headless Chromium at one screen size, for one person reading one language, with the checks every
 * page must pass: axe-core's WCAG 2.1 AA rules with no serious or critical violation, the person's
 * language and writing direction, no sideways scrolling on a phone, and nothing in the console
 * (which is where a blocked inline script or style, or htmx refusing to evaluate code, shows up).
 * Each checked page is also saved as a screenshot in {@code target/screenshots/}, so that a person
 * can look at it too. Page checks collect every fault in soft assertions, so that one run reports
 * all of a page's problems.
 */
final class Browser implements AutoCloseable {

	private static final Pattern SIGN_IN_CODE = Pattern.compile("\\b(\\d{6})\\b");

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Path PROJECT = Path.of(System.getProperty("homeroom.project.dir", System.getProperty("user.dir")));

	private static final Path AXE = PROJECT.resolve("node_modules/axe-core/axe.min.js");

	private static final Path SCREENSHOTS = PROJECT.resolve("target/screenshots");

	private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	/** An interface language, with what its people read and which way they read it. */
	enum Language {

		ENGLISH("en", "ltr", "Alex Morgan", "Sign in"),
		SPANISH("es", "ltr", "Lucía Fernández", "Iniciar sesión"),
		ARABIC("ar", "rtl", "ليلى حداد", "تسجيل الدخول"),
		/** Family pages only: staff pages stay in English, Spanish and Arabic. */
		VIETNAMESE("vi", "ltr", "Nguyễn Thị Lan", "Đăng nhập"),
		/** Family pages only, in Simplified characters. */
		CHINESE("zh-Hans", "ltr", "王芳", "登录");

		/** The languages of the staff pages. */
		static final List<Language> STAFF = List.of(ENGLISH, SPANISH, ARABIC);

		final String tag;

		final String direction;

		/** Someone who reads this language, to sign in as. */
		final String personName;

		/** Written out here rather than read from the bundle, so a wrong bundle cannot agree with itself. */
		final String signInHeading;

		Language(String tag, String direction, String personName, String signInHeading) {
			this.tag = tag;
			this.direction = direction;
			this.personName = personName;
			this.signInHeading = signInHeading;
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

	private final Language language;

	private final Screen screen;

	private final int port;

	private final MessageSource messages;

	private final SoftAssertions softly;

	private final String screenshotPrefix;

	private final Path profile;

	private final ChromeDriver driver;

	/** @param screenshotPrefix put before each screenshot's name, to tell one test's pictures from another's */
	Browser(Language language, Screen screen, int port, MessageSource messages, SoftAssertions softly,
			String screenshotPrefix) {
		this.language = language;
		this.screen = screen;
		this.port = port;
		this.messages = messages;
		this.softly = softly;
		this.screenshotPrefix = screenshotPrefix;
		try {
			this.profile = Files.createTempDirectory("homeroom-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.driver = openChromium();
	}

	/** Every staff language on every screen: the arguments of a parameterized browser test. */
	static Stream<Arguments> languagesAndScreens() {
		return Language.STAFF.stream()
			.flatMap(language -> Stream.of(Screen.values()).map(screen -> Arguments.of(language, screen)));
	}

	static void requireChromiumAndAxe() {
		Prerequisites.require(Files.isExecutable(Path.of(CHROMIUM)), "Chromium (" + CHROMIUM + ", Debian package chromium)");
		Prerequisites.require(Files.isExecutable(Path.of(CHROMEDRIVER)),
				"ChromeDriver (" + CHROMEDRIVER + ", Debian package chromium-driver)");
		Prerequisites.require(Files.isReadable(AXE), "axe-core (" + AXE + "; run npm ci)");
	}

	ChromeDriver driver() {
		return driver;
	}

	/** Where the page checks collect their faults; a test may add its own. */
	SoftAssertions softly() {
		return softly;
	}

	void open(String path) {
		driver.get(url(path));
	}

	/**
	 * Opens the page as a browser with JavaScript off shows it: none of its scripts runs while it
	 * loads. Scripting is back on afterwards for the test's own checks (axe-core, positions), which
	 * are not the page's scripts and cannot make them run late.
	 */
	void openWithoutScripts(String path) {
		driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
		try {
			open(path);
		}
		finally {
			driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
		}
	}

	/** Signs in through the form on the sign-in page, which must be open, and waits for the start page. */
	void signInAs(String email) {
		signInAs(email, StaffAccounts.PASSWORD);
	}

	/** Signs in with another password, such as a demo account's. */
	void signInAs(String email, String password) {
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form:has(#password) button[type=submit]")).click();
		waitForPath("/", "signing in as " + email + " leads to the start page");
	}

	/** Signs out with the button in the header, which leads back to the sign-in page. */
	void signOut() {
		// On a phone the button is in the menu, folded away behind the menu button.
		driver.findElements(By.cssSelector(".menu-button[aria-expanded=false]")).stream().filter(WebElement::isDisplayed)
			.findFirst().ifPresent(WebElement::click);
		driver.findElement(By.cssSelector("form[action$='/sign-out'] button[type=submit]")).click();
		waitForPath("/sign-in?signed-out", "signing out leads to the sign-in page");
	}

	/**
	 * Everything every page must get right. The heading proves the page came from the right message
	 * bundle, or shows the right record; the rest is the same for every page.
	 */
	void checkPage(String page, String expectedHeading) {
		check(page, expectedHeading, null);
	}

	/**
	 * A page that does not exist: checked like any other, and its 404 must be in the console, to show
	 * that the error page answers with its status and not with 200.
	 */
	void checkMissingPage(String page, String expectedHeading) {
		check(page, expectedHeading, driver.getCurrentUrl());
	}

	private void check(String page, String expectedHeading, String missingPageUrl) {
		String where = language.tag + " " + screen + " " + page;

		softly.assertThat(script("return document.documentElement.lang")).as("<html lang> on %s", where).isEqualTo(language.tag);
		softly.assertThat(heading()).as("heading on %s", where).isEqualTo(expectedHeading);
		softly.assertThat(script("return document.documentElement.dir")).as("<html dir> on %s", where).isEqualTo(language.direction);
		softly.assertThat(script("return getComputedStyle(document.body).direction")).as("direction of the body on %s", where)
			.isEqualTo(language.direction);

		if (screen == Screen.DESKTOP) {
			assertThatTheHeaderReadsInTheLanguagesDirection(where);
		}
		if (screen == Screen.PHONE) {
			Number pageWidth = (Number) script("return document.documentElement.scrollWidth");
			Number viewportWidth = (Number) script("return window.innerWidth");
			softly.assertThat(pageWidth.intValue()).as("page width on %s (no sideways scrolling on a phone)", where)
				.isLessThanOrEqualTo(viewportWidth.intValue() + 1);
		}

		saveScreenshot(screenshotPrefix + language.tag + "-" + screen.width + "-" + page);
		assertNoSeriousAccessibilityViolations(where);
		assertNoCodeForHtmxToEvaluate(where);
		assertQuietConsole(where, missingPageUrl);
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

	/**
	 * The brand starts the header: at the left edge in English, at the right edge in Arabic. The
	 * menu may share the brand's row or wrap below it, so the brand must reach the start edge at
	 * least as far as the menu does; a header laid out the wrong way round fails either way.
	 */
	private void assertThatTheHeaderReadsInTheLanguagesDirection(String where) {
		var brand = driver.findElement(By.cssSelector(".site-header .brand")).getRect();
		var nav = driver.findElement(By.cssSelector(".site-header nav")).getRect();
		if (language.rightToLeft()) {
			softly.assertThat(brand.getX() + brand.getWidth()).as("brand's right edge at or beyond the navigation's on %s", where)
				.isGreaterThanOrEqualTo(nav.getX() + nav.getWidth())
				.isGreaterThan(nav.getX());
		}
		else {
			softly.assertThat(brand.getX()).as("brand's left edge at or before the navigation's on %s", where)
				.isLessThanOrEqualTo(nav.getX())
				.isLessThan(nav.getX() + nav.getWidth());
		}
	}

	@SuppressWarnings("unchecked")
	private void assertNoSeriousAccessibilityViolations(String where) {
		if (!Boolean.TRUE.equals(script("return typeof axe !== 'undefined'"))) {
			script(readAxe());
		}
		Map<String, Object> results = (Map<String, Object>) driver.executeAsyncScript("""
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
	 * must be there.
	 */
	private void assertQuietConsole(String where, String missingPageUrl) {
		List<String> severe = driver.manage()
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

	private ChromeDriver openChromium() {
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
		ChromeDriver chromium = new ChromeDriver(service, options);
		emulate(chromium, screen.width, screen.height);
		if (screen == Screen.PHONE) {
			// As on a phone, scrollbars float over the page and take no width from the layout.
			chromium.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
		}
		chromium.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		Number viewport = (Number) chromium.executeScript("return window.innerWidth");
		assertThat(viewport.intValue()).as("the browser's viewport width").isEqualTo(screen.width);
		return chromium;
	}

	/**
	 * A screenshot of the whole page, not just what fits in the window: the viewport grows to the
	 * page's height for the picture and then goes back.
	 */
	private void saveScreenshot(String name) {
		Number pageHeight = (Number) script("return document.documentElement.scrollHeight");
		emulate(driver, screen.width, Math.max(pageHeight.intValue(), screen.height));
		byte[] png = driver.getScreenshotAs(OutputType.BYTES);
		emulate(driver, screen.width, screen.height);
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

	String heading() {
		return driver.findElement(By.tagName("h1")).getText().strip();
	}

	String message(String key, Object... arguments) {
		return messages.getMessage(key, arguments, language.locale());
	}

	Object script(String script) {
		return driver.executeScript(script);
	}

	/**
	 * Signs a family in as families do: its e-mail address on the sign-in page (in {@code lang}),
	 * then the code the development outbox holds for that address; ends on the family's home.
	 */
	void signInFamilyWithACode(String email, String lang) {
		open("/sign-in?lang=" + lang);
		driver.findElement(By.id("contact")).sendKeys(email);
		driver.findElement(By.cssSelector("form[action$='/family/sign-in'] button[type=submit]")).click();
		waitForPath("/family/sign-in/code?lang=" + lang, "asking for a code leads to the code form, in the same language");
		open("/dev/outbox?to=" + email);
		String code = driver.findElements(By.cssSelector("#outbox-messages .message-body")).stream()
			.map(body -> SIGN_IN_CODE.matcher(body.getText()))
			.filter(Matcher::find)
			.map(found -> found.group(1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sign-in code in the outbox of " + email));
		open("/family/sign-in/code?lang=" + lang);
		driver.findElement(By.id("code")).sendKeys(code);
		driver.findElement(By.cssSelector("form[action$='/family/sign-in/code'] button[type=submit]")).click();
		waitForUrl(url -> !url.contains("/sign-in"), "a right code signs the family in");
	}

	void waitForPath(String path, String expectation) {
		waitForUrl(url -> url.equals(url(path)), expectation);
	}

	void waitForPathEnding(String suffix, String expectation) {
		waitForUrl(url -> url.endsWith(suffix), expectation);
	}

	void waitForUrlContaining(String part, String expectation) {
		waitForUrl(url -> url.contains(part), expectation);
	}

	void waitForUrlMatching(String pattern, String expectation) {
		waitForUrl(url -> url.matches(pattern), expectation);
	}

	/** Until the address is the expected one and its page has loaded, so that what follows reads the new page. */
	private void waitForUrl(java.util.function.Predicate<String> expected, String expectation) {
		new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(expectation)
			.until(chromium -> expected.test(chromium.getCurrentUrl())
					&& "complete".equals(((JavascriptExecutor) chromium).executeScript("return document.readyState")));
	}

	/**
	 * The text of a live region (a thread's messages), read again when an update replaced it while
	 * it was being read: a stale element is a page that changed, not an answer.
	 */
	String liveText(By region) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(chromium -> chromium.findElement(region).getText());
	}

	/**
	 * Runs checks on a live region again from the start when an update replaced it midway (up to
	 * five times), so that they never act on half of one version and half of the next.
	 */
	void onLiveRegion(Runnable checks) {
		for (int attempt = 1;; attempt++) {
			try {
				checks.run();
				return;
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * The element the page shows once it has loaded after a form was sent to the address it is on
	 * (where waiting for the address proves nothing), for an element the page before did not have.
	 */
	WebElement waitFor(By element) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(chromium -> chromium.findElement(element));
	}

	/** An attribute of an element inside a live region, read again in the same way. */
	String liveAttribute(By element, String attribute) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(chromium -> chromium.findElement(element).getDomAttribute(attribute));
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Override
	public void close() throws IOException {
		driver.quit();
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
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
