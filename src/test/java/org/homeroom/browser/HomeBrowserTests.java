package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.AnnouncementRequest;
import org.homeroom.messaging.Announcements;
import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;
import org.homeroom.tasks.NewTask;
import org.homeroom.tasks.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The start pages as their people see them: the demo district's Spanish-speaking parent on a 360-px
 * phone (an urgent message pinned first, the welcome after it, her child's teacher with a "Message"
 * button, a header one row high behind a menu button), and the demo teacher on a laptop (her tasks
 * and her last announcements with how many families read them).
 */
@ServerTest
class HomeBrowserTests {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("home-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Announcements announcements;

	@Autowired
	Tasks tasks;

	@Autowired
	Directory directory;

	@Test
	void theSpanishSpeakingParentSeesTheUrgentMessageFirstOnHerPhone() {
		Parent parent = aSpanishSpeakingParentOfTheDemoTeachersClass();
		String run = UUID.randomUUID().toString().substring(0, 6);
		announce(parent.student(), Category.GENERAL, "Excursión al museo " + run, "Estimada familia {guardianName}: traigan almuerzo.");
		announce(parent.student(), Category.URGENT, "Escuela cerrada hoy " + run, "Estimada familia {guardianName}: hoy no hay clases.");

		Browser browser = BROWSERS.open(Language.SPANISH, Screen.PHONE);
		try {
			signInWithACode(browser, parent.email());
			browser.waitForPath("/?lang=es", "a right code leads to the family's home");
			browser.checkPage("family", browser.driver().findElement(By.tagName("h1")).getText());

			List<String> sections = browser.driver().findElements(By.cssSelector("main section[id], main aside[id]")).stream()
				.map(section -> section.getDomAttribute("id")).toList();
			assertThat(sections).startsWith("urgent", "welcome");
			assertThat(browser.driver().findElement(By.cssSelector("#urgent h3")).getText()).isEqualTo("Escuela cerrada hoy " + run);
			assertThat(browser.driver().findElement(By.cssSelector("#urgent .feed-excerpt")).getText())
				.startsWith("Estimada familia " + parent.name() + ":").doesNotContain("{guardianName}");
			assertThat(browser.driver().findElements(By.cssSelector("#feed h3"))).extracting(WebElement::getText)
				.contains("Excursión al museo " + run);
			WebElement message = browser.driver().findElement(By.cssSelector("#children .teacher-list a"));
			assertThat(message.getText()).isEqualTo(browser.message("home.family.message"));
			assertThat(message.getDomAttribute("href")).startsWith("/family/children/" + parent.student() + "/message");

			assertThePhoneHeaderIsOneRowWithAMenu(browser, "family");
		}
		finally {
			jdbc.sql("delete from accounts.family_link where guardian_id = ?").param(parent.guardian()).update();
		}
	}

	@Test
	void theDemoTeacherSeesHerTasksAndHowManyFamiliesReadHerLastAnnouncement() {
		UUID student = aStudentOfTheDemoTeacher();
		String run = UUID.randomUUID().toString().substring(0, 6);
		tasks.open(new NewTask("Llamar a la familia " + run, student, null, TEACHER, LocalDate.now().plusDays(2), null, "manual"));
		UUID sent = announce(directory.viewerOf(TEACHER, List.of("TEACHER")), student, Category.EVENT, "Noche de ciencias " + run,
				"Estimada familia {guardianName}: les esperamos.");

		Browser browser = BROWSERS.open(Language.SPANISH, Screen.DESKTOP);
		browser.open("/sign-in?lang=es");
		browser.signInAs(TEACHER, DEMO_PASSWORD);
		browser.checkPage("staff", browser.driver().findElement(By.tagName("h1")).getText());
		assertThat(browser.driver().findElement(By.cssSelector("#tasks-due h2")).getText())
			.isEqualTo(browser.message("home.staff.tasks"));
		assertThat(browser.driver().findElement(By.cssSelector("#recent-announcements h2")).getText())
			.isEqualTo(browser.message("home.staff.announcements"));
		assertThat(browser.driver().findElement(By.cssSelector("#awaiting-reply h2")).getText())
			.isEqualTo(browser.message("home.staff.awaiting"));
		assertThat(browser.driver().findElements(By.cssSelector("main .cards"))).as("not the navigation again").isEmpty();
		assertThat(browser.driver().findElements(By.cssSelector("#tasks-due .line-list a"))).extracting(WebElement::getText)
			.contains("Llamar a la familia " + run);
		WebElement line = browser.driver().findElement(By.cssSelector("#recent-announcements .line-list li"));
		assertThat(line.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/announcements/" + sent);
		long reached = jdbc.sql("select count(distinct guardian_id) from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(sent).query(Long.class).single();
		assertThat(line.getText()).contains(browser.message("home.staff.read-rate", 0, 0, reached));
		assertThat(line.findElement(By.tagName("progress")).getDomAttribute("value")).isEqualTo("0");
	}

	@Test
	void theHeaderOnAPhoneIsOneRowWithAMenuButtonThatOpensTheNavigation() {
		Browser browser = BROWSERS.open(Language.SPANISH, Screen.PHONE);
		browser.open("/sign-in?lang=es");
		browser.signInAs(TEACHER, DEMO_PASSWORD);
		browser.checkPage("staff", browser.driver().findElement(By.tagName("h1")).getText());
		assertThePhoneHeaderIsOneRowWithAMenu(browser, "staff");

		// A table of more than three columns becomes a card per row, each line after its column's heading.
		browser.open("/students/" + aStudentOfTheDemoTeacher());
		browser.checkPage("student-tables-as-cards", browser.driver().findElement(By.tagName("h1")).getText());
		WebElement table = browser.driver().findElements(By.cssSelector("table.table")).stream()
			.filter(wide -> wide.findElements(By.cssSelector("thead th")).size() > 3).findFirst().orElseThrow();
		assertThat(table.getDomAttribute("class")).contains("table--stack");
		WebElement cell = table.findElement(By.cssSelector("tbody td"));
		assertThat(cell.getDomAttribute("data-label")).isNotBlank();
		assertThat(browser.script("return getComputedStyle(document.querySelector('table.table--stack tbody tr')).display"))
			.isEqualTo("block");
	}

	@Test
	void withoutJavaScriptThePhoneHeaderKeepsTheNavigationOpenAndWorking() {
		Browser browser = BROWSERS.open(Language.SPANISH, Screen.PHONE);
		browser.open("/sign-in?lang=es");
		browser.signInAs(TEACHER, DEMO_PASSWORD);
		browser.openWithoutScripts("/");
		assertThat(browser.script("return document.querySelector('.site-header').className"))
			.as("no script folded the header").isEqualTo("site-header");
		assertThat(browser.driver().findElement(By.cssSelector(".menu-button")).isDisplayed())
			.as("a menu button that only a script can work is not offered").isFalse();
		List<WebElement> links = browser.driver().findElements(By.cssSelector(".site-nav a"));
		assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(link.isDisplayed()).as(link.getText()).isTrue());
		assertThat(browser.driver().findElement(By.cssSelector("form[action$='/sign-out'] button")).isDisplayed()).isTrue();
		browser.checkPage("staff-without-scripts", browser.driver().findElement(By.tagName("h1")).getText());

		links.stream().filter(link -> "/conversations".equals(link.getDomAttribute("href"))).findFirst().orElseThrow().click();
		browser.waitForPath("/conversations", "the navigation works without scripts");
		browser.checkPage("conversations", browser.message("conversations.title"));
	}

	private UUID aStudentOfTheDemoTeacher() {
		return jdbc.sql("""
				select se.student_id from directory.section_enrolment se
				join directory.section_teacher t on t.section_id = se.section_id
				join directory.staff st on st.id = t.staff_id and st.email = ?
				where se.ends_on is null order by se.student_id limit 1""").param(TEACHER).query(UUID.class).single();
	}

	private static void assertThePhoneHeaderIsOneRowWithAMenu(Browser browser, String page) {
		Number height = (Number) browser.script("return document.querySelector('.site-header').getBoundingClientRect().height");
		assertThat(height.doubleValue()).as("the header's height at 360 px").isLessThanOrEqualTo(64);
		WebElement menu = browser.driver().findElement(By.cssSelector(".menu-button"));
		assertThat(menu.isDisplayed()).isTrue();
		assertThat(browser.driver().findElement(By.cssSelector(".site-nav")).isDisplayed()).as("folded away").isFalse();
		menu.click();
		assertThat(menu.getDomAttribute("aria-expanded")).isEqualTo("true");
		assertThat(browser.driver().findElement(By.cssSelector(".site-nav")).isDisplayed()).as("opened by the button").isTrue();
		browser.checkPage(page + "-menu-open", browser.driver().findElement(By.tagName("h1")).getText());
	}

	/** A demo guardian who reads Spanish, alone on their e-mail address, whose child the demo teacher teaches. */
	private Parent aSpanishSpeakingParentOfTheDemoTeachersClass() {
		return jdbc.sql("""
				select c.value, g.id, g.given_name || ' ' || g.family_name, gs.student_id
				from directory.guardian g
				join directory.contact_point c on c.guardian_id = g.id and c.kind = 'EMAIL' and c.valid
				join directory.guardianship gs on gs.guardian_id = g.id and gs.educational_rights
				join directory.section_enrolment se on se.student_id = gs.student_id and se.ends_on is null
				join directory.section_teacher t on t.section_id = se.section_id
				join directory.staff st on st.id = t.staff_id and st.email = ?
				where g.preferred_language like 'es%'
				  and not exists (select 1 from directory.contact_point other where other.value = c.value and other.guardian_id <> g.id)
				  and not exists (select 1 from directory.guardianship more where more.guardian_id = g.id and more.student_id <> gs.student_id)
				order by c.value limit 1""")
			.param(TEACHER)
			.query((rs, row) -> new Parent(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class)))
			.single();
	}

	private void announce(UUID student, Category category, String subject, String body) {
		announce(Viewer.districtAdministrator(), student, category, subject, body);
	}

	private UUID announce(Viewer sender, UUID student, Category category, String subject, String body) {
		UUID id = announcements.create(sender, new AnnouncementRequest(
				new AudienceCriteria(false, Set.of(), Set.of(), Set.of(), Set.of(student), Set.of(), Set.of()), subject, body,
				category, EnumSet.of(Channel.IN_APP), null), null).announcement().id();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(id).query(Integer.class).single() > 0);
		return id;
	}

	private static void signInWithACode(Browser browser, String email) {
		browser.open("/sign-in?lang=es");
		browser.driver().findElement(By.id("contact")).sendKeys(email);
		browser.driver().findElement(By.cssSelector("form[action$='/family/sign-in'] button[type=submit]")).click();
		browser.waitForPath("/family/sign-in/code?lang=es", "asking for a code leads to the code form, still in Spanish");
		browser.checkPage("code", browser.message("family.code.title"));
		Number header = (Number) browser.script("return document.querySelector('.site-header').getBoundingClientRect().height");
		assertThat(header.doubleValue()).as("the signed-out header's height at 360 px").isLessThanOrEqualTo(64);
		browser.open("/dev/outbox?to=" + email);
		String code = browser.driver().findElements(By.cssSelector("#outbox-messages .message-body")).stream()
			.map(body -> CODE.matcher(body.getText()))
			.filter(Matcher::find)
			.map(found -> found.group(1))
			.findFirst().orElseThrow();
		browser.open("/family/sign-in/code?lang=es");
		browser.driver().findElement(By.id("code")).sendKeys(code);
		browser.driver().findElement(By.cssSelector("form[action$='/family/sign-in/code'] button[type=submit]")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().contains("/?lang=es"));
	}

	record Parent(String email, UUID guardian, String name, UUID student) {
	}
}
