package org.homeroom.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.directory.DistrictTimes;
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
 * The access log page as an administrator reads it: readers by name (a family member with their
 * relationship to the child), reads in words, times on the district's clock in the reader's
 * language, and a student found by name.
 */
@IntegrationTest
class AccessLogPageIntegrationTests {

	private static final int WHEN = 0;

	private static final int WHAT = 1;

	private static final int STUDENT = 2;

	private static final int READER = 3;

	private static final int PURPOSE = 4;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	DistrictTimes times;

	Districts given;

	String run;

	LocalDate today;

	UUID maya;

	String mayasName;

	String counsellorEmail;

	RequestPostProcessor counsellor;

	RequestPostProcessor principal;

	RequestPostProcessor districtAdmin;

	RequestPostProcessor rosasFamily;

	/** Maya at Lincoln, her mother Rosa signed in as her family, and the school's counsellor and principal. */
	@BeforeEach
	void mayaHerMotherAndHerSchool() {
		given = Districts.in(jdbc);
		today = districtClock.today();
		run = "Log" + UUID.randomUUID().toString().substring(0, 8);
		UUID lincoln = given.school("Lincoln Middle " + run);
		maya = given.student("Maya", run, "07");
		mayasName = "Maya " + run;
		given.enrol(maya, lincoln, today.minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa", run).ofStudent(maya).withEducationalRights().id();
		counsellorEmail = "counsellor." + run.toLowerCase(Locale.ROOT) + "@district.test";
		given.assign(given.staff("Priya", "Shah", counsellorEmail), lincoln, "COUNSELOR");
		counsellor = user(counsellorEmail).roles("COUNSELOR");
		String principalEmail = "principal." + run.toLowerCase(Locale.ROOT) + "@district.test";
		given.assign(given.staff("Marcus", "Lee", principalEmail), lincoln, "SCHOOL_ADMIN");
		principal = user(principalEmail).roles("SCHOOL_ADMIN");
		districtAdmin = user("admin." + run.toLowerCase(Locale.ROOT) + "@district.test").roles("DISTRICT_ADMIN");
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, rosa).update();
		rosasFamily = user("family:" + account).roles("FAMILY");
	}

	@Test
	void theLogNamesEachReaderAFamilyMemberWithTheirRelationshipAndSaysWhatTheyReadInWords() throws Exception {
		page(get("/students/" + maya), counsellor);
		assertThat(status(get("/api/v1/me/children"), rosasFamily)).isEqualTo(200);
		awaitLog("student_id = '" + maya + "' and actor like 'family:%'");
		awaitLog("student_id = '" + maya + "' and what = 'student.guardians'");

		Document log = page(get("/access-log").param("studentId", maya.toString()), principal);

		assertThat(row(log, "Rosa " + run + " (parent)").get(WHAT).text()).isEqualTo("Student record");
		assertThat(row(log, "Rosa " + run + " (parent)").get(PURPOSE).text()).isEqualTo("API");
		assertThat(log.select("main tbody tr").stream().filter(tr -> tr.select("td").get(READER).text().equals("Priya Shah"))
			.map(tr -> tr.select("td").get(WHAT).text())).containsExactlyInAnyOrder("Student record", "Student's family");
		assertThat(log.select("main tbody td:eq(" + STUDENT + ")").eachText()).containsOnly(mayasName);

		Document inSpanish = page(get("/access-log").param("studentId", maya.toString()).param("lang", "es"), principal);
		Element rosasRead = row(inSpanish, "Rosa " + run + " (madre o padre)").get(WHEN);
		assertThat(row(inSpanish, "Rosa " + run + " (madre o padre)").get(WHAT).text()).isEqualTo("Expediente del estudiante");
		OffsetDateTime at = OffsetDateTime.parse(rosasRead.selectFirst("time").attr("datetime"));
		assertThat(at.getOffset()).isEqualTo(districtClock.zone().getRules().getOffset(at.toInstant()));
		assertThat(rosasRead.text()).startsWith("hoy ")
			.isEqualTo(times.moment(at.toInstant(), Locale.forLanguageTag("es")));
	}

	@Test
	void aSchoolAdministratorFindsAStudentByNameAndReadsTheirLog() throws Exception {
		UUID namesake = given.student("Maya", run, "07");
		given.enrol(namesake, given.school("Roosevelt High " + run), today.minusMonths(1), null);
		page(get("/students/" + maya), counsellor);
		awaitLog("student_id = '" + maya + "' and what = 'student'");

		Document found = page(get("/access-log").param("student", "maya " + run.toLowerCase(Locale.ROOT)), principal);

		assertThat(found.select("main ul a").eachText()).as("only the Maya this principal may see").containsExactly(mayasName);
		String chosen = found.selectFirst("main ul a").attr("href");
		assertThat(chosen).startsWith("/access-log?studentId=" + maya);
		Document log = page(get(chosen), principal);
		assertThat(log.selectFirst("h1").text()).isEqualTo("Access log of " + mayasName);
		assertThat(log.selectFirst("#chosen-student").attr("value")).isEqualTo(mayasName);
		assertThat(log.select("main tbody td:eq(" + READER + ")").eachText()).contains("Priya Shah");
	}

	@Test
	void aDistrictAdministratorFiltersTheWholeLogByStudentReaderAndDay() throws Exception {
		page(get("/students/" + maya), counsellor);
		page(get("/students").param("q", "maya " + run), counsellor);
		awaitLog("student_id = '" + maya + "' and what = 'student.guardians'");
		awaitLog("student_id = '" + maya + "' and what = 'student.search'");

		Document mayas = page(get("/access-log").param("studentId", maya.toString()).param("reader", "counsellor." + run),
				districtAdmin);
		assertThat(mayas.select("main tbody tr")).hasSize(3).allSatisfy(row -> {
			assertThat(row.select("td").get(READER).text()).isEqualTo("Priya Shah");
			assertThat(row.select("td").get(PURPOSE).text()).isEqualTo("Web page");
		});
		assertThat(mayas.select("main tbody td:eq(" + WHAT + ")").eachText()).containsExactlyInAnyOrder("Student record",
				"Student's family", "Student search");

		Document searches = page(get("/access-log").param("reader", "counsellor." + run), districtAdmin);
		assertThat(searches.select("main tbody tr")).anySatisfy(row -> assertThat(row.select("td").eachText()).containsExactly(
				row.selectFirst("td").text(), "Student search", mayasName, "Priya Shah", "Web page",
				"q=maya " + run, "1"));

		Document tomorrow = page(get("/access-log").param("reader", "counsellor." + run)
			.param("from", today.plusDays(1).toString()), districtAdmin);
		assertThat(tomorrow.select(".empty-state h3").text()).isEqualTo("No entries");
		Document untilToday = page(get("/access-log").param("reader", "counsellor." + run)
			.param("until", today.toString()), districtAdmin);
		assertThat(untilToday.select("main tbody tr")).hasSize(3);
	}

	@Test
	void aSchoolAdministratorMustChooseAStudentTheyMaySee() throws Exception {
		Document withoutStudent = page(get("/access-log"), principal);
		assertThat(withoutStudent.select(".alert[role=status]").text())
			.isEqualTo("Find a student you may see by name to learn who read their records.");
		assertThat(withoutStudent.select("main tbody tr")).isEmpty();

		Document garbled = page(get("/access-log").param("studentId", "not-an-id"), principal);
		assertThat(garbled.select("#studentId-error").text()).startsWith("This link does not name a student.");

		UUID elsewhere = given.student("Other", "07");
		assertThat(status(get("/access-log").param("studentId", elsewhere.toString()), principal)).isEqualTo(404);
		assertThat(status(get("/access-log").param("studentId", maya.toString()), counsellor)).isEqualTo(403);
	}

	/** The cells of the first row whose reader reads as given. */
	private static org.jsoup.select.Elements row(Document page, String reader) {
		return page.select("main tbody tr").stream()
			.map(tr -> tr.select("td"))
			.filter(cells -> cells.get(READER).text().equals(reader))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No row read by " + reader + " in "
					+ page.select("main tbody td:eq(" + READER + ")").eachText()));
	}

	private Document page(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(viewer)).andReturn().getResponse();
		assertThat(response.getStatus()).as("status of %s", request).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	private int status(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		return mvc.perform(request.with(viewer)).andReturn().getResponse().getStatus();
	}

	/** The access log is written after the read commits, by a listener of its own. */
	private void awaitLog(String condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (jdbc.sql("select count(*) from privacy.access_log where " + condition).query(Integer.class).single() == 0
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
	}
}
