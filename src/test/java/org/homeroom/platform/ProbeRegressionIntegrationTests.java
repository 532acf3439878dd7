package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a security probe tried and found held (issue 15), kept holding: text one member of staff
 * writes reaches another escaped; a search is bound, never spliced into SQL; a form needs its CSRF
 * token; and of the actuator only health is reachable. Sign-in (session id, second step) is held by
 * {@code accounts.ProbeSignInRegressionIntegrationTests}, zip-slip by
 * {@code directory.oneroster.RosterImportZipSlipIntegrationTests}, and cross-family and cross-school
 * reads by the endpoint walk ({@code walk.EndpointWalkIntegrationTests}).
 */
@IntegrationTest
class ProbeRegressionIntegrationTests {

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String BREAK_OUT = "\"><img src=x onerror=alert(1)>";

	static final List<String> INJECTIONS = List.of("' OR 1=1 --", "%'; DROP TABLE directory.student; --");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String run;

	UUID school;

	UUID maya;

	String liaison;

	String counsellor;

	RequestPostProcessor writer;

	RequestPostProcessor reader;

	@BeforeEach
	void aSchoolWithMayaAndTwoOfItsStaff() {
		Districts given = Districts.in(jdbc);
		run = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Probe Middle " + run);
		maya = given.student("Maya", "Probe" + run, "07");
		given.enrol(maya, school, LocalDate.now().minusMonths(2), null);
		liaison = "probe-liaison-" + run + "@district.test";
		counsellor = "probe-counsellor-" + run + "@district.test";
		given.assign(given.staff("Yousef", liaison), school, "FAMILY_LIAISON");
		given.assign(given.staff("Priya", counsellor), school, "COUNSELOR");
		writer = user(liaison).roles("FAMILY_LIAISON");
		reader = user(counsellor).roles("COUNSELOR");
	}

	@AfterEach
	void removeTemplates() {
		jdbc.sql("delete from messaging.message_template where school_id = ?").param(school).update();
	}

	@Test
	void aTaskTitleAndNoteWrittenByOneMemberOfStaffReachAnotherEscaped() throws Exception {
		String id = createTask(SCRIPT + " Call Rosa " + BREAK_OUT);
		mvc.perform(post("/tasks/" + id).param("status", "OPEN").param("text", "Note " + SCRIPT)
			.param("version", String.valueOf(version(id))).with(writer).with(csrf())).andExpect(status().is3xxRedirection());

		String task = html(get("/tasks/" + id), reader);
		String list = html(get("/tasks").param("assignee", "all"), reader);

		for (String shown : List.of(task, list)) {
			assertEscaped(shown);
		}
		assertThat(Jsoup.parse(task).select("h1").text()).isEqualTo(SCRIPT + " Call Rosa " + BREAK_OUT);
		assertThat(Jsoup.parse(task).select(".announcement-body").text()).isEqualTo("Note " + SCRIPT);
	}

	@Test
	void aTemplateSavedByOneTeacherReachesAnotherEscapedInTheListAndInTheFormsFields() throws Exception {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.message_template (id, school_id, name, category, subject, body, created_by, created_at,
				                                        updated_by, updated_at)
				values (?, ?, ?, 'GENERAL', ?, ?, ?, ?, ?, ?)""")
			.params(id, school, "Trip " + run + " " + SCRIPT, "Subject " + BREAK_OUT, "Body " + SCRIPT + BREAK_OUT, liaison,
					Timestamp.from(Instant.now()), liaison, Timestamp.from(Instant.now()))
			.update();
		RequestPostProcessor teacher = user(counsellor).roles("TEACHER");

		String list = html(get("/announcements/templates").param("q", run), teacher);
		String form = html(get("/announcements/templates/" + id), teacher);

		assertEscaped(list);
		assertEscaped(form);
		assertThat(Jsoup.parse(list).select("tbody tr a").first().text()).isEqualTo("Trip " + run + " " + SCRIPT);
		// The break-out payload stays inside the value of its field rather than closing it.
		assertThat(Jsoup.parse(form).select("input[name=subject]").val()).isEqualTo("Subject " + BREAK_OUT);
		assertThat(Jsoup.parse(form).select("textarea[name=body]").text()).isEqualTo("Body " + SCRIPT + BREAK_OUT);
	}

	@Test
	void aStudentSearchThatTriesSqlInjectionFindsOnlyWhatAnHonestSearchWouldAndDropsNothing() throws Exception {
		long students = studentsInTheTable();
		RequestPostProcessor admin = user("probe.admin@district.test").roles("DISTRICT_ADMIN");
		RequestPostProcessor teacherOfNobody = user(liaison.replace("liaison", "nobody")).roles("TEACHER");
		assertThat(total(get("/api/v1/students").param("q", "Probe" + run), admin)).as("an honest search").isEqualTo(1);

		for (String injection : INJECTIONS) {
			assertThat(total(get("/api/v1/students").param("q", injection), admin)).as(injection).isZero();
			assertThat(total(get("/api/v1/students").param("q", injection), teacherOfNobody)).as(injection).isZero();
			assertThat(Jsoup.parse(html(get("/students").param("q", injection), admin)).select("tbody tr")).as(injection)
				.isEmpty();
			assertThat(Jsoup.parse(html(get("/students").param("q", injection), teacherOfNobody)).select("tbody tr"))
				.as(injection).isEmpty();
		}
		assertThat(studentsInTheTable()).as("directory.student is still there, whole").isEqualTo(students);
	}

	@Test
	void aFormPostWithoutItsCsrfTokenIsRefusedAndChangesNothingWhileTheSameWithItWorks() throws Exception {
		String id = createTask("Send the enrolment pack");
		MockHttpServletRequestBuilder note = post("/tasks/" + id).param("status", "OPEN")
			.param("text", "Forged from another site").param("version", String.valueOf(version(id)));

		mvc.perform(note.with(writer)).andExpect(status().isForbidden());
		mvc.perform(note.with(writer).with(csrf().useInvalidToken())).andExpect(status().isForbidden());
		assertThat(notesOn(id)).isZero();

		mvc.perform(note.with(writer).with(csrf())).andExpect(redirectedUrl("/tasks/" + id));
		assertThat(notesOn(id)).isEqualTo(1);
	}

	@Test
	void ofTheActuatorOnlyHealthAnswersWhetherSignedInAsADistrictAdministratorOrNot() throws Exception {
		// HealthAndApiDocsIntegrationTests already proves health answers UP; here, that nothing else does.
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		RequestPostProcessor admin = user("probe.admin@district.test").roles("DISTRICT_ADMIN");
		for (String endpoint : List.of("env", "heapdump", "beans", "configprops", "loggers", "metrics", "mappings",
				"threaddump", "info", "")) {
			MockHttpServletResponse asAdmin = mvc.perform(get("/actuator/" + endpoint).with(admin)).andReturn().getResponse();
			assertThat(asAdmin.getStatus()).as("/actuator/%s for a district administrator", endpoint).isIn(401, 403, 404);
			MockHttpServletResponse anonymous = mvc.perform(get("/actuator/" + endpoint)).andReturn().getResponse();
			// Anonymous readers are sent to sign in before the actuator is asked, so this half holds even
			// with every endpoint exposed; the administrator's half is the one that proves the exposure.
			assertThat(anonymous.getStatus()).as("/actuator/%s for anyone", endpoint).isIn(302, 401, 403, 404);
			assertThat(anonymous.getContentAsString()).doesNotContain("\"propertySources\"", "\"contexts\"");
		}
	}

	private static void assertEscaped(String html) {
		assertThat(html).doesNotContain(SCRIPT).doesNotContain("<img src=x onerror");
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		Document page = Jsoup.parse(html);
		assertThat(page.select("img[onerror]")).isEmpty();
		assertThat(page.select("script").stream().filter(script -> script.data().contains("alert(1)"))).isEmpty();
	}

	private String createTask(String title) throws Exception {
		String body = mvc.perform(post("/api/v1/tasks").with(writer).contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": %s, \"studentId\": \"%s\", \"assigneeUsername\": \"%s\"}"
					.formatted(json(title), maya, counsellor)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	private long version(String id) throws Exception {
		String body = mvc.perform(get("/api/v1/tasks/" + id).with(writer)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.version")).longValue();
	}

	private int notesOn(String id) {
		return jdbc.sql("select count(*) from tasks.task_note where task_id = cast(? as uuid)").param(id)
			.query(Integer.class).single();
	}

	private long studentsInTheTable() {
		return jdbc.sql("select count(*) from directory.student").query(Long.class).single();
	}

	private int total(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		String body = mvc.perform(request.with(who)).andExpect(status().isOk()).andExpect(jsonPath("$.items").isArray())
			.andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.total")).intValue();
	}

	private String html(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(who)).andReturn().getResponse();
		assertThat(response.getStatus()).as("status of %s", request).isEqualTo(200);
		return response.getContentAsString();
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
