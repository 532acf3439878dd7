package org.homeroom.browser;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each browser test its {@link Browser} on the test's running server, and after the test
 * closes it and reports every fault its page checks collected. Register it as a static field with
 * {@code @RegisterExtension}; without Chromium or axe-core, the class's tests are skipped (or fail,
 * in CI).
 */
final class Browsers implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

	private final String screenshotPrefix;

	private ApplicationContext application;

	/** Every browser this test opened: a story of two people has two, and each must be closed. */
	private final List<Browser> browsers = new ArrayList<>();

	private SoftAssertions softly;

	/** @param screenshotPrefix put before each screenshot's name, to tell one test's pictures from another's */
	Browsers(String screenshotPrefix) {
		this.screenshotPrefix = screenshotPrefix;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Browser.requireChromiumAndAxe();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		application = SpringExtension.getApplicationContext(context);
		softly = new SoftAssertions();
	}

	/** A browser for this test, in the language and at the size of the screen given. */
	Browser open(Language language, Screen screen) {
		int port = application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		Browser browser = new Browser(language, screen, port, application.getBean(MessageSource.class), softly,
				screenshotPrefix);
		browsers.add(browser);
		return browser;
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		try {
			for (Browser browser : browsers) {
				browser.close();
			}
		}
		finally {
			browsers.clear();
			softly.assertAll();
		}
	}
}
