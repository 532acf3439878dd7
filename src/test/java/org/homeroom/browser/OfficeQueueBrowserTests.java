package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo family liaison, who reads Arabic, finds the texts waiting for the office under
 * Administration, sees a text from a number nobody has with its last 4 digits only, and dismisses
 * it after the confirmation page.
 */
@ServerTest
class OfficeQueueBrowserTests {

	private static final String LIAISON = "liaison@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("office-queue-");

	@Autowired
	JdbcClient jdbc;

	private UUID text;

	@AfterEach
	void noTextLeftBehind() {
		jdbc.sql("delete from messaging.sms_inbound where id = ?").param(text).update();
	}

	@ParameterizedTest(name = "Arabic at {0}")
	@EnumSource(Screen.class)
	void theLiaisonDismissesATextFromANumberNobodyHas(Screen screen) {
		text = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.sms_inbound (id, provider_sid, from_number, to_number, body, received_at, status)
				values (?, ?, '+15550187342', '+15005550006', 'Is the school open tomorrow?', ?, 'WAITING')""")
			.params(text, "SM" + text.toString().replace("-", ""), Timestamp.from(Instant.now())).update();
		Browser liaison = BROWSERS.open(Language.ARABIC, screen);
		liaison.open("/sign-in?lang=ar");
		liaison.signInAs(LIAISON, DEMO_PASSWORD);

		liaison.open("/conversations/office-queue");
		String page = liaison.driver().findElement(By.tagName("main")).getText();
		assertThat(page).contains("Is the school open tomorrow?", "•••• 7342").doesNotContain("+15550187342");
		liaison.checkPage("queue", liaison.message("textreplies.queue.title"));

		liaison.driver().findElement(By.cssSelector("a[href$='/conversations/office-queue/" + text + "/dismiss']")).click();
		liaison.waitForPathEnding("/dismiss", "the dismiss button asks first");
		liaison.checkPage("dismiss", liaison.message("textreplies.dismiss.title"));
		liaison.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		String done = new WebDriverWait(liaison.driver(), Duration.ofSeconds(10)).withMessage("the queue says it was dismissed")
			.until(driver -> driver.findElements(By.cssSelector(".alert--success")).stream().findFirst().map(found -> found.getText())
				.orElse(null));
		assertThat(done).isEqualTo(liaison.message("textreplies.queue.dismissed"));
		assertThat(jdbc.sql("select status from messaging.sms_inbound where id = ?").param(text).query(String.class).single())
			.isEqualTo("DISMISSED");
		liaison.checkPage("dismissed", liaison.message("textreplies.queue.title"));
	}
}
