package org.homeroom.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo district administrator finds Administration → Translation: a loopback LibreTranslate
 * that serves Spanish, Vietnamese, Chinese and Arabic, and Google configured but unreachable. She
 * asks the engines again and reads, for each of the demo families' eight languages, who translates
 * into it; Somali is Google's, Haitian Creole and Portuguese nobody's.
 */
@ServerTest
class TranslationAdministrationBrowserTests {

	private static final String DISTRICT_ADMIN = "admin@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("translation-");

	static final WireMockServer LIBRETRANSLATE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
				[{"code": "en", "name": "English", "targets": ["ar", "en", "es", "vi", "zh-Hans"]}]""")));
		return server;
	}

	@DynamicPropertySource
	static void engines(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		registry.add("homeroom.translation.providers.google.url", () -> "http://127.0.0.1:9");
		registry.add("homeroom.translation.providers.google.api-key", () -> "browser-test-key");
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, vi=libretranslate, zh=libretranslate, "
				+ "ar=libretranslate, pt=libretranslate, so=google");
	}

	@AfterAll
	static void stop() {
		LIBRETRANSLATE.stop();
	}

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void theDistrictAdministratorSeesWhichEngineServesEachFamilyLanguage(Screen screen) {
		Language language = Language.ENGLISH;
		Browser admin = BROWSERS.open(language, screen);
		admin.open("/sign-in?lang=" + language.tag);
		admin.signInAs(DISTRICT_ADMIN, DEMO_PASSWORD);

		admin.open("/admin?lang=" + language.tag);
		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation']")).click();
		admin.waitForPathEnding("/admin/translation", "Administration leads to the Translation page");
		admin.checkPage("page", admin.message("translation-admin.title"));

		admin.driver().findElement(By.cssSelector("form[action$='/admin/translation/check'] button[type=submit]")).click();
		String checked = new WebDriverWait(admin.driver(), Duration.ofSeconds(20)).withMessage("the page says the engines were asked")
			.until(driver -> driver.findElements(By.cssSelector(".alert--success")).stream().findFirst()
				.map(alert -> alert.getText()).orElse(null));
		assertThat(checked).isEqualTo(admin.message("translation-admin.checked"));
		assertThat(admin.driver().findElement(By.cssSelector("[data-engine=libretranslate]")).getText())
			.contains(admin.message("translation-admin.state.ANSWERED"), "Spanish");
		assertThat(admin.driver().findElement(By.cssSelector("[data-engine=google]")).getText())
			.contains(admin.message("translation-admin.state.UNREACHABLE"), admin.message("translation-admin.destination.external"));
		assertThat(admin.driver().findElement(By.cssSelector("tr[data-language=es]")).getText()).contains("LibreTranslate");
		assertThat(admin.driver().findElement(By.cssSelector("tr[data-language=ht]")).getText())
			.contains(admin.message("translation-admin.outcome.NOT_ROUTED"));
		assertThat(admin.driver().findElements(By.cssSelector("#family-languages tbody tr"))).hasSize(8);
		admin.checkPage("checked", admin.message("translation-admin.title"));
	}
}
