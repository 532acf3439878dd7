package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.ResultActions;

/** Staff add and correct directory records over the API; reads follow the access policy and are logged. */
@IntegrationTest
class DirectoryApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	Audiences audiences;

	@Autowired
	DistrictClock clock;

	Districts given;

	UUID lincoln;

	LocalDate today;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		lincoln = given.school("Lincoln Middle");
		today = clock.today();
	}

	@Test
	void aDistrictAdministratorAddsAStudentEnrolledAtASchool() throws Exception {
		send(post("/api/v1/students"), admin(), """
				{"givenName": "Maya", "familyName": "Ortiz", "schoolId": "%s", "grade": "7", "enrolledFrom": "%s"}"""
			.formatted(lincoln, today))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isNotEmpty())
			.andExpect(jsonPath("$.grade").value("07"))
			.andExpect(jsonPath("$.schoolId").value(lincoln.toString()))
			.andExpect(jsonPath("$.enrolments[0].startsOn").value(today.toString()));
	}

	@Test
	void badStudentInputNamesTheField() throws Exception {
		send(post("/api/v1/students"), admin(), """
				{"familyName": "Ortiz", "schoolId": "%s", "grade": "7", "enrolledFrom": "%s"}""".formatted(lincoln, today))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("givenName"));
		send(post("/api/v1/students"), admin(), """
				{"givenName": "Maya", "familyName": "Ortiz", "schoolId": "%s", "grade": "Year 7", "enrolledFrom": "%s"}"""
			.formatted(lincoln, today))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("grade"));
		send(post("/api/v1/students"), admin(), """
				{"givenName": "Maya", "familyName": "Ortiz", "schoolId": "%s", "grade": "07", "enrolledFrom": "%s"}"""
			.formatted(UUID.randomUUID(), today))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("schoolId"));
	}

	@Test
	void guardianPhonesAreNormalisedAndAnInvalidOneIsFlaggedNotDropped() throws Exception {
		send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Rosa", "familyName": "Ortiz", "emails": ["Rosa.Ortiz@Family.Example"],
				 "phones": ["(202) 555-0143", "555-12"], "preferredLanguage": "es-MX"}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.emails[0].value").value("rosa.ortiz@family.example"))
			.andExpect(jsonPath("$.phones[0].value").value("+12025550143"))
			.andExpect(jsonPath("$.phones[0].valid").value(true))
			.andExpect(jsonPath("$.phones[1].value").value("555-12"))
			.andExpect(jsonPath("$.phones[1].valid").value(false))
			.andExpect(jsonPath("$.preferredLanguage").value("es-MX"));
	}

	@Test
	void twoGuardiansMayShareAContactPoint() throws Exception {
		String household = "{\"givenName\": \"%s\", \"familyName\": \"Nguyen\", \"phones\": [\"(303) 555-0188\"]}";
		send(post("/api/v1/guardians"), admin(), household.formatted("Lan")).andExpect(status().isCreated());
		send(post("/api/v1/guardians"), admin(), household.formatted("Minh")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.phones[0].value").value("+13035550188"));

		assertThat(jdbc.sql("select count(*) from directory.contact_point where value = '+13035550188'")
			.query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void anInvalidEmailOrLanguageNamesTheField() throws Exception {
		send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Rosa", "familyName": "Ortiz", "emails": ["ok@family.example", "not-an-address"]}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("emails[1]"));
		send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Rosa", "familyName": "Ortiz", "preferredLanguage": "not a language"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("preferredLanguage"));
	}

	@Test
	void aGuardianIsCorrectedFieldByField() throws Exception {
		String id = created(send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Rosa", "familyName": "Ortiz", "phones": ["(202) 555-0143"]}"""));

		send(patch("/api/v1/guardians/" + id), admin(), """
				{"preferredLanguage": "vi", "emails": ["rosa@family.example"]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.givenName").value("Rosa"))
			.andExpect(jsonPath("$.preferredLanguage").value("vi"))
			.andExpect(jsonPath("$.unconfirmedEmails[0].value").value("rosa@family.example"))
			.andExpect(jsonPath("$.phones[0].value").value("+12025550143"));
	}

	@Test
	void aSecondEmailAddressIsAddedAndTheFirstKept() throws Exception {
		String id = created(send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Rosa", "familyName": "Ortiz", "emails": ["rosa@family.example"], "phones": ["(202) 555-0143"]}"""));

		send(patch("/api/v1/guardians/" + id), admin(), """
				{"emails": ["rosa@family.example", "rosa.work@family.example"], "phones": ["(202) 555-0143", "(202) 555-0199"]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.emails[*].value").value(org.hamcrest.Matchers.contains("rosa@family.example")))
			.andExpect(jsonPath("$.unconfirmedEmails[*].value").value(org.hamcrest.Matchers.contains("rosa.work@family.example")))
			.andExpect(jsonPath("$.phones[*].value").value(org.hamcrest.Matchers.contains("+12025550143")))
			.andExpect(jsonPath("$.unconfirmedPhones[*].value").value(org.hamcrest.Matchers.contains("+12025550199")));
	}

	@Test
	void linksAndRestrictionsAreRecordedWithWhoSetThem() throws Exception {
		String student = created(send(post("/api/v1/students"), admin(), """
				{"givenName": "Maya", "familyName": "Ortiz", "schoolId": "%s", "grade": "07", "enrolledFrom": "%s"}"""
			.formatted(lincoln, today)));
		String father = created(send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Tom", "familyName": "Ortiz"}"""));

		send(post("/api/v1/students/" + student + "/guardians"), admin(), """
				{"guardianId": "%s", "relationship": "PARENT", "livesWith": false}""".formatted(father))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.educationalRights").value(true));
		send(post("/api/v1/students/" + student + "/guardians/" + father + "/restrictions"), admin(), """
				{"type": "NO_CONTACT", "from": "%s", "source": "court order 2026-114"}""".formatted(today))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.inForce").value(true))
			.andExpect(jsonPath("$.origin").value("MANUAL"));

		assertThat(jdbc.sql("""
				select a.actor from directory.restriction_audit a join directory.restriction r on r.id = a.restriction_id
				where r.student_id = ?::uuid and a.action = 'SET'""").param(student).query(String.class).single())
			.isEqualTo("admin@district.test");
		assertThat(audiences.guardiansToContactAbout(UUID.fromString(student))).isEmpty();

		String restriction = jdbc.sql("select id::text from directory.restriction where student_id = ?::uuid")
			.param(student).query(String.class).single();
		send(post("/api/v1/students/" + student + "/guardians/" + father + "/restrictions/" + restriction + "/lift"),
				admin(), "{\"note\": \"order expired\"}")
			.andExpect(status().isNoContent());
		assertThat(audiences.guardiansToContactAbout(UUID.fromString(student))).containsExactly(UUID.fromString(father));
		assertThat(jdbc.sql("select action || ':' || coalesce(note, '') from directory.restriction_audit where restriction_id = ?::uuid order by at")
			.param(restriction).query(String.class).list()).containsExactly("SET:", "LIFTED:order expired");
	}

	@Test
	void channelsAndBestTimesAreKept() throws Exception {
		send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Ana", "familyName": "Lee", "preferredChannels": ["SMS", "IN_APP"], "bestTimes": "after 6pm"}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.preferredChannels[0]").value("SMS"))
			.andExpect(jsonPath("$.bestTimes").value("after 6pm"));
		send(post("/api/v1/guardians"), admin(), """
				{"givenName": "Ana", "familyName": "Lee", "preferredChannels": ["SMS", "PIGEON"]}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("preferredChannels[1]"));
	}

	@Test
	void aStudentTheCallerMayNotSeeIsNotFoundAndOneTheyMaySeeIsLogged() throws Exception {
		UUID maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, today.minusMonths(1)).id();
		given.assign(given.staff("Una", "unrelated@district.test"), given.school("Roosevelt High"), "COUNSELOR");
		given.assign(given.staff("Priya", "counsellor@district.test"), lincoln, "COUNSELOR");
		given.assign(given.staff("Yousef", "liaison@district.test"), lincoln, "FAMILY_LIAISON");

		mvc.perform(get("/api/v1/students/" + maya).with(staff("unrelated@district.test"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/students/" + UUID.randomUUID()).with(staff("unrelated@district.test")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/students/" + maya).with(staff("liaison@district.test")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.programFlags").doesNotExist());
		mvc.perform(get("/api/v1/students/" + maya).with(staff("counsellor@district.test")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.programFlags.iep").value(false));

		awaitLogged(maya, "counsellor@district.test");
		assertThat(jdbc.sql("select count(*) from privacy.access_log where student_id = ? and actor = 'unrelated@district.test'")
			.param(maya).query(Integer.class).single()).as("a refused read discloses nothing").isZero();
	}

	@Test
	void aSearchReturnsOnlyVisibleStudentsAPageAtATimeAndIsLoggedWithItsCount() throws Exception {
		UUID roosevelt = given.school("Roosevelt High");
		for (int i = 0; i < 30; i++) {
			UUID student = given.aStudent("Kid" + i).inGrade("07").enrolledAt(lincoln, today.minusMonths(1)).id();
		}
		UUID elsewhere = given.aStudent("Kid-elsewhere").inGrade("07").enrolledAt(roosevelt, today.minusMonths(1)).id();
		given.assign(given.staff("Priya", "search-counsellor@district.test"), lincoln, "COUNSELOR");

		mvc.perform(get("/api/v1/students").param("q", "kid").with(staff("search-counsellor@district.test")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(30))
			.andExpect(jsonPath("$.items.length()").value(25));
		mvc.perform(get("/api/v1/students").param("q", "kid").param("page", "1").with(staff("search-counsellor@district.test")))
			.andExpect(jsonPath("$.items.length()").value(5));
		mvc.perform(get("/api/v1/students").param("q", "elsewhere").with(staff("search-counsellor@district.test")))
			.andExpect(jsonPath("$.total").value(0));
		mvc.perform(get("/api/v1/students").param("schoolId", roosevelt.toString()).param("grade", "7").with(admin()))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(elsewhere.toString()));

		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline) && jdbc.sql(
				"select count(*) from privacy.access_log where actor = 'search-counsellor@district.test' and what = 'student.search'")
			.query(Integer.class).single() < 30) {
			Thread.sleep(50);
		}
		// One row for each student shown, each with how many the page showed; the empty search showed nobody.
		assertThat(jdbc.sql("""
				select student_count || ' x' || count(distinct student_id) from privacy.access_log
				where actor = 'search-counsellor@district.test' and what = 'student.search' group by student_count
				order by student_count desc""")
			.query(String.class).list()).containsExactly("25 x25", "5 x5");
	}

	@Test
	void onlyTheSchoolsAdministratorsMayAddItsStudents() throws Exception {
		given.assign(given.staff("Marcus", "principal@district.test"), given.school("Roosevelt High"), "SCHOOL_ADMIN");

		send(post("/api/v1/students"), staff("principal@district.test"), """
				{"givenName": "Maya", "familyName": "Ortiz", "schoolId": "%s", "grade": "07", "enrolledFrom": "%s"}"""
			.formatted(lincoln, today))
			.andExpect(status().isForbidden());
	}

	private void awaitLogged(UUID student, String actor) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			if (jdbc.sql("select count(*) from privacy.access_log where student_id = ? and actor = ? and what = 'student'")
				.params(student, actor).query(Integer.class).single() > 0) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The read of " + student + " by " + actor + " was not written to the access log");
	}

	private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor caller, String json) throws Exception {
		return mvc.perform(request.with(caller).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String created(ResultActions result) throws Exception {
		return result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()
			.replaceAll("^\\{\"id\":\"([^\"]+)\".*$", "$1");
	}

	private static RequestPostProcessor admin() {
		return user("admin@district.test").roles("DISTRICT_ADMIN");
	}

	private static RequestPostProcessor staff(String email) {
		return user(email).roles("TEACHER");
	}
}
