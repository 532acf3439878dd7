package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory's pages as staff see them in a real browser, in English, Spanish and Arabic, on a
 * phone and a desktop, each held to the checks of {@link Browser}: a counsellor searches for a
 * student and opens her record and her mother's page, and looks up colleagues; a teacher opens
 * their classes and a roster; a district administrator reads the access log. The district is this
 * test's own (one school, thirty students, one family with a restriction), not the demo's.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryBrowserTests {

	/** Students beside Maya, so that the search has a second page; names as varied as a real school's. */
	private static final List<String[]> SCHOOLMATES = List.of(new String[] { "Amara", "Okafor" },
			new String[] { "Ben", "Adler" }, new String[] { "Chen", "Wei" }, new String[] { "Dalia", "Nasser" },
			new String[] { "Elif", "Yılmaz" }, new String[] { "Farid", "Rahimi" }, new String[] { "Grace", "Kim" },
			new String[] { "Hugo", "Silva" }, new String[] { "Inés", "Moreno" }, new String[] { "Jamal", "Haddad" },
			new String[] { "Kofi", "Mensah" }, new String[] { "Lena", "Vogel" }, new String[] { "Mateo", "García" },
			new String[] { "Nadia", "Rahman" }, new String[] { "Omar", "Farouk" }, new String[] { "Priya", "Shah" },
			new String[] { "Quinn", "Murphy" }, new String[] { "Rania", "Saleh" }, new String[] { "Sofía", "Ruiz" },
			new String[] { "Tariq", "Aziz" }, new String[] { "Uma", "Patel" }, new String[] { "Víctor", "Reyes" },
			new String[] { "Wen", "Li" }, new String[] { "Ximena", "Torres" }, new String[] { "Yusuf", "Demir" },
			new String[] { "Zara", "Ahmed" }, new String[] { "Aiden", "Brooks" }, new String[] { "Bilal", "Qureshi" },
			new String[] { "Carmen", "Lopez" });

	private static final String CLASS_TITLE = "Science 7B";

	@Autowired
	Accounts accounts;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("directory-");

	private Browser browser;

	private UUID maya;

	private UUID rosa;

	private final Map<Language, Staff> staff = new EnumMap<>(Language.class);

	private Districts given;

	/** Who signs in, in one language: a counsellor, a teacher and a district administrator. */
	private record Staff(String counsellor, String teacher, UUID teacherRecord, String districtAdmin) {
	}

	@BeforeAll
	void cedarGroveMiddleSchoolWithMayaAndHerFamily() {
		given = Districts.in(jdbc);
		LocalDate today = districtClock.today();
		UUID school = given.school("Cedar Grove Middle School");
		maya = given.aStudent("Maya", "Ortega").inGrade("07").enrolledAt(school, today.minusYears(1))
			.englishLearner().withIep()
			.id();
		UUID science = given.aSection(CLASS_TITLE).at(school).withCourseCode("SCI-07").id();
		given.enrolInSection(science, maya, today.minusMonths(2), null);
		for (int i = 0; i < SCHOOLMATES.size(); i++) {
			UUID student = given.student(SCHOOLMATES.get(i)[0], SCHOOLMATES.get(i)[1], String.format("%02d", 6 + i % 3));
			given.enrol(student, school, today.minusYears(1), null);
			if (i % 5 == 0) {
				given.enrolInSection(science, student, today.minusMonths(2), null);
			}
		}

		rosa = given.aGuardian("Rosa", "Ortega")
			.ofStudent(maya).withEducationalRights().livingWithThem().asEmergencyContact()
			.speaking("es-MX")
			.reachableByEmail("rosa.ortega@family.example")
			.reachableByPhone("+15035550142")
			.preferring(List.of("SMS", "EMAIL"), "Weekdays after 5 pm")
			.id();
		UUID tomas = given.aGuardian("Tomás", "Ortega")
			.ofStudent(maya).withEducationalRights()
			.speaking("es")
			.withUnusablePhone("555-01")
			.id();
		given.restrict(tomas, maya, "NO_CONTACT", today.minusWeeks(2), today.plusMonths(6));
		given.lift(given.restrict(tomas, maya, "NO_PICKUP", today.minusMonths(3), null));
		given.aGuardian("Samira", "Khalil")
			.ofStudent(maya).as("GRANDPARENT").livingWithThem().asEmergencyContact().withoutEducationalRights()
			.speaking("ar")
			.reachableByEmail("samira.khalil@family.example");

		for (Language language : Language.STAFF) {
			String[] name = language.personName.split(" ", 2);
			String counsellor = account(language, Role.COUNSELOR);
			given.assign(given.staff(name[0], name[1], counsellor), school, "COUNSELOR");
			String teacher = account(language, Role.TEACHER);
			UUID teacherRecord = given.staff(name[0], name[1], teacher);
			given.assign(teacherRecord, school, "TEACHER");
			given.teach(science, teacherRecord);
			staff.put(language, new Staff(counsellor, teacher, teacherRecord, account(language, Role.DISTRICT_ADMIN)));
		}
	}

	/** The server's database is shared with tests of the demo district as a whole, so leave it as found. */
	@AfterAll
	void removeTheSchool() {
		if (given != null) {
			given.removeAll();
		}
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("org.homeroom.browser.Browser#languagesAndScreens")
	void staffCanUseTheDirectoryInTheirLanguageOnAPhoneAndADesktop(Language language, Screen screen)
			throws InterruptedException {
		Staff people = staff.get(language);
		browser = BROWSERS.open(language, screen);

		browser.open("/sign-in?lang=" + language.tag);
		browser.signInAs(people.counsellor());
		browser.checkPage("home", browser.message("home.welcome", language.personName));
		browser.open("/students");
		browser.softly().assertThat(browser.driver().findElements(By.cssSelector("main tbody tr")))
			.as("the first page of students").hasSize(25);
		browser.checkPage("students", browser.message("students.title"));

		browser.driver().findElement(By.id("q")).sendKeys("Maya");
		browser.driver().findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
		browser.waitForUrlContaining("q=Maya", "the search form leads to its results");
		followLink("/students/" + maya);
		browser.softly().assertThat(browser.driver().findElements(By.cssSelector("main .alert--warning li")))
			.as("Tomás's no-contact order at the top of Maya's page").hasSize(1);
		browser.checkPage("student", "Maya Ortega");

		followLink("/guardians/" + rosa);
		browser.checkPage("family", "Rosa Ortega");

		browser.open("/staff");
		browser.checkPage("staff", browser.message("staff.title"));
		browser.open("/staff/" + people.teacherRecord());
		browser.checkPage("staff-member", language.personName);

		browser.signOut();
		browser.signInAs(people.teacher());
		browser.open("/classes");
		browser.checkPage("classes", browser.message("classes.title"));
		followLink("/classes/");
		browser.checkPage("roster", CLASS_TITLE);

		browser.signOut();
		browser.signInAs(people.districtAdmin());
		awaitLogOfReader(people.counsellor());
		browser.open("/access-log?reader=" + people.counsellor());
		browser.softly().assertThat(browser.driver().findElements(By.cssSelector("main tbody tr")))
			.as("the counsellor's reads").isNotEmpty();
		browser.checkPage("access-log", browser.message("access-log.title"));
	}

	/** Follows the link whose address starts with the path, as a person would: brought into view, then clicked. */
	private void followLink(String path) {
		WebElement link = browser.driver().findElement(By.cssSelector("main a[href^='" + path + "']"));
		String href = link.getDomAttribute("href");
		browser.driver().executeScript("arguments[0].scrollIntoView({ block: 'center', inline: 'center' })", link);
		link.click();
		browser.waitForPath(href, "the link leads to " + href);
	}

	private String account(Language language, Role role) {
		return StaffAccounts.aStaffMember().named(language.personName).withRole(role).speaking(language.tag)
			.createIn(accounts);
	}

	/** The access log is written after each read commits, by a listener of its own. */
	private void awaitLogOfReader(String reader) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (jdbc.sql("select count(*) from privacy.access_log where actor = ? and what = 'guardian.record'")
			.param(reader).query(Integer.class).single() == 0) {
			assertThat(Instant.now()).as("the access log has the counsellor's reads").isBefore(deadline);
			Thread.sleep(50);
		}
	}
}
