package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The directory's pages, as a member of staff sees them: what each shows,
 * whom it shows it to, and the 404 for anything the reader may not see.
 */
@IntegrationTest
class DirectoryPagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	Districts given;

	LocalDate today;

	UUID lincoln;

	UUID maya;

	UUID rosa;

	UUID tom;

	UUID maths;

	UUID teacherId;

	String run;

	RequestPostProcessor counsellor;

	RequestPostProcessor liaison;

	RequestPostProcessor teacher;

	RequestPostProcessor principal;

	RequestPostProcessor districtAdmin;

	/**
	 * Maya, at a school of her own with 30 schoolmates in grade 8; her mother Rosa prefers Spanish,
	 * her father Tom may not contact her and his phone number does not parse.
	 */
	@BeforeEach
	void mayaHerFamilyAndHerSchool() {
		given = Districts.in(jdbc);
		today = clock.today();
		run = UUID.randomUUID().toString().substring(0, 8);
		lincoln = given.school("Lincoln Middle " + run);
		maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, today.minusMonths(2)).englishLearner().withIep().id();
		for (int i = 0; i < 30; i++) {
			given.aStudent("Schoolmate" + (char) ('A' + i / 10) + (char) ('a' + i % 10)).inGrade("08")
				.enrolledAt(lincoln, today.minusMonths(2));
		}
		rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights()
			.speaking("es-MX")
			.reachableByEmail("rosa." + run + "@family.example")
			.reachableByPhone("+15555550123")
			.preferring(List.of("SMS", "EMAIL"), "Weekdays after 5 pm")
			.id();
		tom = given.aGuardian("Tom").ofStudent(maya).withEducationalRights().withUnusablePhone("call the office").id();
		given.restrict(tom, maya, "NO_CONTACT", today.minusDays(3), null);
		given.lift(given.restrict(tom, maya, "NO_PICKUP", today.minusMonths(1), null));

		teacherId = given.staff("Ana", email("teacher"));
		maths = given.aSection("Maths 7 " + run).at(lincoln).taughtBy(teacherId).id();
		given.enrolInSection(maths, maya, today.minusMonths(2), null);

		counsellor = staffAt("COUNSELOR", "counsellor");
		liaison = staffAt("FAMILY_LIAISON", "liaison");
		principal = staffAt("SCHOOL_ADMIN", "principal");
		teacher = user(email("teacher")).roles("TEACHER");
		districtAdmin = user(email("admin")).roles("DISTRICT_ADMIN");
	}

	@Test
	void aCounsellorBrowsesTheirSchoolsStudentsAPageAtATime() throws Exception {
		Document first = page(get("/students"), counsellor);

		assertThat(first.select("main [role=status]").text()).isEqualTo("Showing 1–25 of 31");
		assertThat(first.select("main tbody tr")).hasSize(25);
		assertThat(first.select("a[rel=prev]")).isEmpty();
		String next = first.selectFirst("a[rel=next]").attr("href");
		assertThat(next).isEqualTo("/students?page=1");

		Document second = page(get(next), counsellor);
		assertThat(second.select("main [role=status]").text()).isEqualTo("Showing 26–31 of 31");
		assertThat(second.select("main tbody tr")).hasSize(6);
		assertThat(second.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/students");
		assertThat(second.select("a[rel=next]")).isEmpty();
	}

	@Test
	void theSearchNarrowsByNameGradeSchoolClassAndFamilyLanguage() throws Exception {
		assertThat(names(page(get("/students").param("q", "maya"), counsellor))).containsExactly("Maya Testing");
		assertThat(names(page(get("/students").param("grade", "07"), counsellor))).containsExactly("Maya Testing");
		assertThat(names(page(get("/students").param("language", "es"), counsellor))).containsExactly("Maya Testing");
		assertThat(names(page(get("/students").param("classId", maths.toString()), teacher))).containsExactly("Maya Testing");
		assertThat(names(page(get("/students").param("schoolId", lincoln.toString()).param("grade", "08"), counsellor)))
			.hasSize(25);

		Document elsewhere = page(get("/students").param("schoolId", given.school("Roosevelt High " + run).toString()),
				counsellor);
		assertThat(elsewhere.select("main tbody tr")).isEmpty();
		assertThat(elsewhere.select(".empty-state h3").text()).isEqualTo("No students found");
	}

	@Test
	void theSearchFormOffersTheGradesSchoolsClassesAndLanguagesAndKeepsWhatWasChosen() throws Exception {
		Document page = page(get("/students").param("grade", "07").param("q", "Maya"), teacher);

		assertThat(page.select("#grade option").eachAttr("value")).contains("", "KG", "01", "12");
		assertThat(page.selectFirst("#grade option[selected]").text()).isEqualTo("Grade 7");
		assertThat(page.selectFirst("#q").val()).isEqualTo("Maya");
		assertThat(page.select("#schoolId option").eachText()).contains("Lincoln Middle " + run);
		assertThat(page.select("#classId option").eachText()).containsExactly("Any class", "Maths 7 " + run);
		assertThat(page.select("#language option").eachText()).contains("Spanish");
		assertThat(page(get("/students"), counsellor).select("#classId")).as("no class filter for staff who teach none")
			.isEmpty();
	}

	@Test
	void anEditedLinkThatCannotBeReadSaysSoInsteadOfFailing() throws Exception {
		for (String[] parameter : List.of(new String[] { "grade", "Year 7" }, new String[] { "schoolId", "lincoln" })) {
			Document page = page(get("/students").param(parameter[0], parameter[1]), counsellor);
			assertThat(page.select(".alert--error").text())
				.isEqualTo("Part of this search could not be read. Please check it and search again.");
			assertThat(page.select("main table")).isEmpty();
		}
	}

	@Test
	void theStudentPageShowsTheFamilyWithTheirContactsAndRestrictions() throws Exception {
		Document page = page(get("/students/" + maya), counsellor);

		assertThat(page.selectFirst("h1").text()).isEqualTo("Maya Testing");
		assertThat(definition(page.selectFirst("#about").parent(), "Grade")).isEqualTo("Grade 7");
		assertThat(definition(page.selectFirst("#about").parent(), "School today")).isEqualTo("Lincoln Middle " + run);
		assertThat(page.select(".alert--warning li").text()).isEqualTo("Tom Testing: No contact");

		Element mother = guardianCard(page, "Rosa Testing");
		assertThat(mother.selectFirst("h3 a").attr("href")).isEqualTo("/guardians/" + rosa);
		assertThat(mother.select(".badge").eachText()).contains("Parent", "Educational rights");
		assertThat(definition(mother, "Language")).isEqualTo("Spanish (Mexico)");
		assertThat(definition(mother, "E-mail")).isEqualTo("rosa." + run + "@family.example");
		assertThat(definition(mother, "Phone")).isEqualTo("+15555550123");
		assertThat(definition(mother, "Prefers")).isEqualTo("Text message E-mail");
		assertThat(definition(mother, "Best times")).isEqualTo("Weekdays after 5 pm");

		Element father = guardianCard(page, "Tom Testing");
		assertThat(definition(father, "Phone")).isEqualTo("call the office Invalid number");
		assertThat(father.select(".alert").eachText()).containsExactly(
				"No contact In force From " + shown(today.minusDays(3))
						+ " Until Until further notice On the authority of court order 2026-114",
				"May not pick up Lifted From " + shown(today.minusMonths(1))
						+ " Until Until further notice On the authority of court order 2026-114");

		assertThat(page.select("#enrolments ~ .table-wrap tbody td").eachText()).startsWith("Lincoln Middle " + run,
				shown(today.minusMonths(2)), "Ongoing", "Current");
		assertThat(page.select("#classes ~ .table-wrap tbody td").eachText()).containsExactly("Maths 7 " + run,
				"Lincoln Middle " + run, "Ana Testing");
	}

	@Test
	void programmeFlagsAreShownToACounsellorButNotToAFamilyLiaison() throws Exception {
		assertThat(definition(page(get("/students/" + maya), counsellor).selectFirst("#about").parent(), "Programmes"))
			.isEqualTo("English learner IEP");
		Document asLiaison = page(get("/students/" + maya), liaison);
		assertThat(asLiaison.selectFirst("h1").text()).isEqualTo("Maya Testing");
		assertThat(asLiaison.select("#about ~ dl dt").eachText()).doesNotContain("Programmes");
		assertThat(asLiaison.text()).doesNotContain("English learner");
	}

	@Test
	void onlyAdministratorsAreOfferedTheStudentsAccessLog() throws Exception {
		assertThat(page(get("/students/" + maya), principal).selectFirst("a[href='/access-log?studentId=" + maya + "']"))
			.isNotNull();
		assertThat(page(get("/students/" + maya), districtAdmin).select("a[href^='/access-log']").eachText())
			.contains("Who viewed this record");
		assertThat(page(get("/students/" + maya), counsellor).select("main a[href^='/access-log']")).isEmpty();
	}

	@Test
	void theFamilyPageListsOnlyTheChildrenTheReaderMaySee() throws Exception {
		UUID roosevelt = given.school("Roosevelt High " + run);
		UUID leo = given.aStudent("Leo").inGrade("10").enrolledAt(roosevelt, today.minusMonths(2)).id();
		given.theGuardian(rosa).ofStudent(leo).withEducationalRights();

		Document page = page(get("/guardians/" + rosa), counsellor);

		assertThat(page.selectFirst("h1").text()).isEqualTo("Rosa Testing");
		assertThat(definition(page, "Language")).isEqualTo("Spanish (Mexico)");
		assertThat(page.select("#children ~ .table-wrap tbody td a").eachText()).containsExactly("Maya Testing");
		assertThat(page.selectFirst("#children ~ .table-wrap tbody td a").attr("href")).isEqualTo("/students/" + maya);
		assertThat(page(get("/guardians/" + rosa), districtAdmin).select("#children ~ .table-wrap tbody td a").eachText())
			.containsExactly("Leo Testing", "Maya Testing");
	}

	@Test
	void theStaffDirectoryFindsColleaguesAndShowsWhereTheyWorkAndWhatTheyTeach() throws Exception {
		UUID zainab = given.staff("Zainab" + run, email("zainab"));
		given.assign(zainab, lincoln, "TEACHER");
		given.assign(zainab, lincoln, "COUNSELOR");
		given.teach(maths, zainab);

		Document list = page(get("/staff").param("q", "zainab" + run), liaison);
		assertThat(list.select("main tbody tr")).singleElement().satisfies(row -> {
			assertThat(row.select("td").eachText()).containsExactly("Zainab" + run + " Testing", "Counselor Teacher",
					email("zainab"));
			assertThat(row.select(".badge").eachText()).containsExactly("Counselor", "Teacher");
		});

		Document page = page(get(list.selectFirst("main tbody a").attr("href")), liaison);
		assertThat(page.selectFirst("h1").text()).isEqualTo("Zainab" + run + " Testing");
		assertThat(page.select("#assignments ~ .table-wrap tbody td").eachText()).containsExactly("Lincoln Middle " + run,
				"Counselor", "Lincoln Middle " + run, "Teacher");
		assertThat(page.select("#teaches ~ .table-wrap tbody td").eachText()).containsExactly("Maths 7 " + run,
				"Lincoln Middle " + run, "1");
	}

	@Test
	void theStaffListIsPaged() throws Exception {
		for (int i = 0; i < 26; i++) {
			given.staff("Pager" + run + (char) ('a' + i));
		}
		Document first = page(get("/staff").param("q", "Pager" + run), teacher);
		assertThat(first.select("main [role=status]").text()).isEqualTo("Showing 1–25 of 26");
		Document second = page(get(first.selectFirst("a[rel=next]").attr("href")), teacher);
		assertThat(second.select("main tbody tr")).hasSize(1);
	}

	@Test
	void aTeacherSeesTheirClassesAndEachClassesRoster() throws Exception {
		Document classes = page(get("/classes"), teacher);
		Element card = classes.selectFirst("a.card[href='/classes/" + maths + "']");
		assertThat(card.selectFirst("h2").text()).isEqualTo("Maths 7 " + run);
		assertThat(card.text()).contains("1 student");

		Document roster = page(get("/classes/" + maths), teacher);
		assertThat(roster.selectFirst("h1").text()).isEqualTo("Maths 7 " + run);
		assertThat(roster.select("tbody a").eachText()).containsExactly("Maya Testing");
		assertThat(roster.selectFirst("tbody a").attr("href")).isEqualTo("/students/" + maya);

		Document stranger = page(get("/classes"), user(email("nobody")).roles("TEACHER"));
		assertThat(stranger.select(".empty-state h2").text()).isEqualTo("Your account is not linked to the directory");
		given.staff("Ben", email("new-teacher"));
		assertThat(page(get("/classes"), user(email("new-teacher")).roles("TEACHER")).select(".empty-state h2").text())
			.isEqualTo("No classes yet");
	}

	@Test
	void everyPageAnswersNotFoundForWhatTheReaderMayNotSee() throws Exception {
		RequestPostProcessor otherTeacher = user(email("other-teacher")).roles("TEACHER");
		given.aSection("Maths 7").at(lincoln).taughtBy(given.staff("Ben", email("other-teacher")));
		RequestPostProcessor partner = user(email("partner")).roles("PARTNER");

		assertThat(status(get("/students/" + maya), otherTeacher)).isEqualTo(404);
		assertThat(status(get("/students/" + UUID.randomUUID()), counsellor)).isEqualTo(404);
		assertThat(status(get("/guardians/" + rosa), otherTeacher)).isEqualTo(404);
		assertThat(status(get("/guardians/" + UUID.randomUUID()), districtAdmin)).isEqualTo(404);
		assertThat(status(get("/classes/" + maths), otherTeacher)).isEqualTo(404);
		assertThat(status(get("/staff/" + UUID.randomUUID()), counsellor)).isEqualTo(404);
		assertThat(status(get("/students/" + maya), partner)).isEqualTo(404);
		assertThat(status(get("/guardians/" + rosa), partner)).isEqualTo(404);
		assertThat(status(get("/classes/" + maths), partner)).isEqualTo(404);
		assertThat(names(page(get("/students").param("q", "Maya"), otherTeacher))).isEmpty();
		assertThat(status(get("/students"), partner)).isEqualTo(403);
		assertThat(status(get("/staff"), partner)).isEqualTo(403);
	}

	private RequestPostProcessor staffAt(String role, String who) {
		given.assign(given.staff(who, email(who)), lincoln, role);
		return user(email(who)).roles(role);
	}

	private String email(String who) {
		return who + "." + run + "@district.test";
	}

	private Document page(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(viewer)).andReturn().getResponse();
		assertThat(response.getStatus()).as("status of %s", request).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	private int status(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		return mvc.perform(request.with(viewer)).andReturn().getResponse().getStatus();
	}

	/** A day as an English reader sees it on a page: "Dec 4, 2026". */
	private static String shown(LocalDate day) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.ENGLISH).format(day);
	}

	private static List<String> names(Document page) {
		return page.select("main tbody tr td:eq(0)").eachText();
	}

	private static Element guardianCard(Document page, String name) {
		return page.select("article.card").stream()
			.filter(card -> card.selectFirst("h3").text().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No card for " + name));
	}

	/** The text beside a term in the first definition list under {@code scope} that has it. */
	private static String definition(Element scope, String term) {
		return scope.select("dt").stream()
			.filter(dt -> dt.text().equals(term))
			.findFirst()
			.map(dt -> dt.nextElementSibling().text())
			.orElseThrow(() -> new AssertionError("No " + term + " in " + scope.text()));
	}
}
