package org.homeroom.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo teacher writes to Riverside Middle's families by e-mail and SMS and presses "Preview
 * translations": a loopback LibreTranslate translates into Spanish and, at SMS-breaking length,
 * Vietnamese; the demo district's other languages are routed to no engine.
 */
@ServerTest
class TranslationPreviewBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("translation-preview-");

	static final WireMockServer LIBRETRANSLATE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(json("""
				[{"code": "en", "name": "English", "targets": ["en", "es", "vi"]}]""")));
		server.stubFor(WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo("es")))
			.willReturn(json("""
					{"translatedText": ["Excursión al museo el viernes",
					 "Estimada familia ⟦0⟧: el viernes ⟦1⟧ va al museo. Traigan almuerzo."]}""")));
		server.stubFor(WireMock.post("/translate").withRequestBody(matchingJsonPath("$.target", equalTo("vi")))
			.willReturn(json("""
					{"translatedText": ["Chuyến tham quan bảo tàng vào thứ Sáu",
					 "Kính gửi gia đình ⟦0⟧: vào thứ Sáu, ⟦1⟧ sẽ đi thăm bảo tàng cùng cả lớp. Xin quý vị chuẩn bị bữa trưa, nước uống và áo khoác cho con. Xe buýt khởi hành lúc tám giờ sáng và trở về trường trước ba giờ chiều."]}""")));
		return server;
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

	@DynamicPropertySource
	static void engines(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", LIBRETRANSLATE::baseUrl);
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, vi=libretranslate");
	}

	@AfterAll
	static void stop() {
		LIBRETRANSLATE.stop();
	}

	@ParameterizedTest(name = "Spanish at {0}")
	@EnumSource(Screen.class)
	void theTeacherSeesEachLanguagesTranslationWhoGetsTheOriginalAndWhatIsTooLongForAnSms(Screen screen) {
		// The demo teacher reads Spanish, so her pages are in Spanish.
		Language spanish = Language.SPANISH;
		Browser teacher = BROWSERS.open(spanish, screen);
		teacher.open("/sign-in?lang=" + spanish.tag);
		teacher.signInAs(TEACHER, DEMO_PASSWORD);

		teacher.open("/announcements/new");
		new Select(teacher.driver().findElement(By.id("schoolIds"))).selectByVisibleText("Riverside Middle");
		WebElement sms = teacher.driver().findElement(By.cssSelector("input[name=channels][value=SMS]"));
		if (!sms.isSelected()) {
			sms.click();
		}
		// New texts each run, so that the engine is asked rather than the cache.
		String run = screen.width + " " + UUID.randomUUID().toString().substring(0, 6);
		teacher.driver().findElement(By.id("subject")).sendKeys("Museum trip on Friday " + run);
		teacher.driver().findElement(By.id("body"))
			.sendKeys("Dear {guardianName}: on Friday {childName} goes to the museum (" + run + "). Please send a lunch.");
		teacher.driver().findElement(By.cssSelector("button[formaction$='/announcements/new/translations']")).click();
		new WebDriverWait(teacher.driver(), Duration.ofSeconds(20)).withMessage("the translations come back to the form")
			.until(driver -> !driver.findElements(By.id("translations-heading")).isEmpty());
		assertThat(teacher.driver().findElements(By.id("form-errors"))).as("nothing is wrong").isEmpty();

		String spanishFamilies = teacher.driver().findElement(By.cssSelector("#translations article[data-language=es]")).getText();
		assertThat(spanishFamilies).contains(teacher.message("announcement.translations.kind.MACHINE", "LibreTranslate"),
				"Excursión al museo el viernes", "Estimada familia {guardianName}");
		assertThat(teacher.driver().findElement(By.id("untranslated")).getText())
			.contains(teacher.message("announcement.translations.interpreter"));
		assertThat(teacher.driver().findElement(By.cssSelector("#over-sms li[data-language=vi]")).getText())
			.as("the long Vietnamese text is flagged").startsWith("vietnamita: ");
		assertThat(teacher.driver().findElements(By.cssSelector("button[name=action][value=send]")))
			.as("the sender can send from here").hasSize(1);
		teacher.checkPage("teacher", teacher.message("announcements.new"));
	}
}
