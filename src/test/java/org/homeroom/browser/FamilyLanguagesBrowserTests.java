package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The family languages beyond English, Spanish and Arabic, as their parents see them: a
 * Vietnamese-speaking parent signs in on a 360-px phone and a Chinese-speaking one on a laptop,
 * each choosing their language on the sign-in page from the names written in it, and each lands
 * on a home page in their own language (lang attribute included, which axe-core checks).
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FamilyLanguagesBrowserTests {

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("family-languages-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	private final List<Districts> fixtures = new ArrayList<>();

	/** What each parent reads, written out so that a wrong bundle cannot agree with itself. */
	static Stream<Arguments> parents() {
		return Stream.of(
				Arguments.of(Language.VIETNAMESE, Screen.PHONE, "Tiếng Việt", "Đăng nhập bằng mã", "Chào mừng, ",
						List.of("Trang chủ", "Con em của tôi", "Tin nhắn", "Trao đổi", "Tài khoản của tôi")),
				Arguments.of(Language.CHINESE, Screen.DESKTOP, "简体中文", "用验证码登录", "欢迎您，",
						List.of("首页", "我的孩子", "消息", "对话", "我的账户")));
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("parents")
	void aParentChoosesTheirLanguageSignsInAndReadsTheirHomeInIt(Language language, Screen screen, String ownName,
			String signInHeading, String welcome, List<String> navigation) {
		String email = "languages." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		String parent = aParentOfAChild(language, email);
		Browser browser = BROWSERS.open(language, screen);
		browser.open("/family/sign-in?lang=en");
		// On a phone the eight languages fold behind a button that names the current one.
		openTheLanguagesOnAPhone(browser, screen, "English");
		WebElement choice = browser.driver().findElement(By.linkText(ownName));
		assertThat(choice.getDomAttribute("lang")).isEqualTo(language.tag);
		choice.click();
		browser.waitForPath("/family/sign-in?lang=" + language.tag, "the language's own name chooses it");
		browser.checkPage("sign-in", signInHeading);
		if (screen == Screen.PHONE) {
			Number header = (Number) browser.script("return document.querySelector('.site-header').getBoundingClientRect().height");
			assertThat(header.doubleValue()).as("the signed-out header's height at 360 px").isLessThanOrEqualTo(64);
		}
		openTheLanguagesOnAPhone(browser, screen, ownName);
		assertThat(browser.driver().findElement(By.cssSelector(".language-list a[aria-current=true]")).getText())
			.isEqualTo(ownName);
		if (screen == Screen.PHONE) {
			browser.checkPage("sign-in-languages-open", signInHeading);
		}

		browser.signInFamilyWithACode(email, language.tag);
		browser.checkPage("home", welcome + parent);
		List<String> links = browser.driver().findElements(By.cssSelector(".site-nav a > span:first-child")).stream()
			.map(link -> link.getDomProperty("textContent").strip()).toList();
		assertThat(links).containsExactlyElementsOf(navigation);
	}

	private static void openTheLanguagesOnAPhone(Browser browser, Screen screen, String current) {
		WebElement button = browser.driver().findElement(By.cssSelector(".language-button"));
		if (screen == Screen.PHONE) {
			assertThat(button.isDisplayed()).as("the language button on a phone").isTrue();
			assertThat(button.getText()).as("names the current language").endsWith(current);
			assertThat(browser.driver().findElement(By.cssSelector(".language-list")).isDisplayed()).as("folded away").isFalse();
			button.click();
			assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
		}
		else {
			assertThat(button.isDisplayed()).as("no language button on a laptop: the languages are listed").isFalse();
		}
	}

	/** A child enrolled at a school, with one guardian who prefers the language and has the e-mail on file. */
	private String aParentOfAChild(Language language, String email) {
		Districts given = Districts.in(jdbc);
		fixtures.add(given);
		UUID school = given.school("Riverside Languages School");
		UUID student = given.student("Minh", "03");
		given.enrol(student, school, districtClock.today().minusMonths(2), null);
		given.aGuardian(language.personName).ofStudent(student).withEducationalRights().reachableByEmail(email)
			.speaking(language.tag);
		return jdbc.sql("select given_name || ' ' || family_name from directory.guardian g join directory.contact_point c"
				+ " on c.guardian_id = g.id where c.value = ?").param(email).query(String.class).single();
	}

	/** Other tests in this context count the whole district; leave it as it was. */
	@AfterAll
	void removeTheFamilies() {
		jdbc.sql("delete from accounts.family_link where guardian_id in (select id from directory.guardian where given_name in (?, ?))")
			.params(Language.VIETNAMESE.personName, Language.CHINESE.personName).update();
		fixtures.forEach(Districts::removeAll);
	}
}
