package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.homeroom.IntegrationTest;
import org.homeroom.tasks.ATask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Walks every endpoint that reads a student, in every role, and proves that exactly the people the
 * access policy names can read: everyone else gets the same 404 as for a student who does not
 * exist, and a search never lists them. Every later endpoint that touches a student joins
 * {@link #ENDPOINTS}; family accounts are walked in {@link #everyEndpointForEveryKindOfFamily()}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudentEndpointWalkIntegrationTests {

	/** Student-bearing reads: a request for one student, and whether a 200 means "may read". */
	private static final Map<String, Function<UUID, MockHttpServletRequestBuilder>> ENDPOINTS = new LinkedHashMap<>();

	/** Searches over students, which must never list one the viewer may not read. */
	private static final Map<String, String> SEARCHES = Map.of("search", "/api/v1/students", "search page", "/students");

	/** A task about each walked student: reading it is reading about the student. */
	private static final Map<UUID, UUID> TASK_ABOUT = new ConcurrentHashMap<>();

	/** Each walked student's one guardian, whose family page shows that student and no other. */
	private static final Map<UUID, UUID> ONLY_GUARDIAN = new ConcurrentHashMap<>();

	static {
		ENDPOINTS.put("GET /api/v1/students/{id}", student -> get("/api/v1/students/" + student));
		ENDPOINTS.put("GET /api/v1/students/{id}/guardians", student -> get("/api/v1/students/" + student + "/guardians"));
		ENDPOINTS.put("GET /students/{id}", student -> get("/students/" + student));
		ENDPOINTS.put("GET /guardians/{id} of the student's guardian",
				student -> get("/guardians/" + ONLY_GUARDIAN.get(student)));
		ENDPOINTS.put("GET /api/v1/tasks/{id} of a task about the student", student -> get("/api/v1/tasks/" + TASK_ABOUT.get(student)));
		ENDPOINTS.put("GET /tasks/{id} of a task about the student", student -> get("/tasks/" + TASK_ABOUT.get(student)));
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	/** Who reads, by the name the walk reports, with the authority their account holds. */
	private final Map<String, RequestPostProcessor> viewers = new LinkedHashMap<>();

	private UUID current;

	private UUID formerStudent;

	@BeforeAll
	void aSchoolWithItsStaffAndAnotherSchool() {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		UUID lincoln = given.school("Lincoln Middle");
		UUID roosevelt = given.school("Roosevelt High");
		current = given.aStudent("Walk-current").inGrade("07").enrolledAt(lincoln, today.minusMonths(2)).id();
		formerStudent = given.student("Walk-former", "07");
		given.enrol(formerStudent, lincoln, today.minusMonths(6), today.minusDays(1));
		given.enrol(formerStudent, roosevelt, today, null);
		for (UUID student : List.of(current, formerStudent)) {
			UUID guardian = given.aGuardian("Walk-parent").ofStudent(student).withEducationalRights().id();
			ONLY_GUARDIAN.put(student, guardian);
			TASK_ABOUT.put(student, ATask.titled("Call home").about(student).insertInto(jdbc));
		}

		UUID maths = given.aSection("Maths 7").at(lincoln).taughtBy(given.staff("T", "walk.teacher@district.test")).id();
		given.enrolInSection(maths, current, today.minusMonths(2), null);
		given.enrolInSection(maths, formerStudent, today.minusMonths(6), today.minusDays(1));
		given.aSection("Maths 7").at(lincoln).taughtBy(given.staff("T2", "walk.other-teacher@district.test"));

		staffAt(given, lincoln, "SCHOOL_ADMIN", "walk.principal@district.test");
		staffAt(given, roosevelt, "SCHOOL_ADMIN", "walk.other-principal@district.test");
		staffAt(given, lincoln, "COUNSELOR", "walk.counsellor@district.test");
		staffAt(given, roosevelt, "COUNSELOR", "walk.other-counsellor@district.test");
		staffAt(given, lincoln, "FAMILY_LIAISON", "walk.liaison@district.test");
		staffAt(given, lincoln, "ATTENDANCE_OFFICER", "walk.attendance@district.test");

		viewers.put("district admin", user("walk.admin@district.test").roles("DISTRICT_ADMIN"));
		viewers.put("teacher of the class", user("walk.teacher@district.test").roles("TEACHER"));
		viewers.put("teacher of another class", user("walk.other-teacher@district.test").roles("TEACHER"));
		viewers.put("school admin", user("walk.principal@district.test").roles("SCHOOL_ADMIN"));
		viewers.put("school admin elsewhere", user("walk.other-principal@district.test").roles("SCHOOL_ADMIN"));
		viewers.put("counsellor", user("walk.counsellor@district.test").roles("COUNSELOR"));
		viewers.put("counsellor elsewhere", user("walk.other-counsellor@district.test").roles("COUNSELOR"));
		viewers.put("family liaison", user("walk.liaison@district.test").roles("FAMILY_LIAISON"));
		viewers.put("attendance officer", user("walk.attendance@district.test").roles("ATTENDANCE_OFFICER"));
		viewers.put("account with no directory record", user("walk.stranger@district.test").roles("TEACHER"));
		viewers.put("partner organisation", user("walk.partner@agency.test").roles("PARTNER"));
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointInEveryRole() {
		Set<String> mayReadCurrent = Set.of("district admin", "teacher of the class", "school admin", "counsellor",
				"family liaison", "attendance officer");
		List<DynamicTest> tests = new ArrayList<>();
		ENDPOINTS.forEach((endpoint, request) -> viewers.forEach((who, viewer) -> {
			tests.add(DynamicTest.dynamicTest(endpoint + " as " + who + " for an enrolled student",
					() -> assertThat(status(request.apply(current).with(viewer)))
						.isEqualTo(mayReadCurrent.contains(who) ? 200 : 404)));
			tests.add(DynamicTest.dynamicTest(endpoint + " as " + who + " for a student whose enrolment here ended",
					() -> assertThat(status(request.apply(formerStudent).with(viewer)))
						.isEqualTo(who.equals("district admin") || who.equals("school admin elsewhere")
								|| who.equals("counsellor elsewhere") ? 200 : 404)));
		}));
		SEARCHES.forEach((search, path) -> viewers.forEach((who, viewer) -> tests.add(
				DynamicTest.dynamicTest(search + " as " + who, () -> {
					String found = mvc.perform(get(path).param("q", "Walk-current").with(viewer)).andReturn()
						.getResponse().getContentAsString();
					assertThat(found.contains(current.toString())).isEqualTo(mayReadCurrent.contains(who));
				}))));
		return tests.stream();
	}

	/**
	 * An announcement's audience is the directory's too: a preview for one student counts that
	 * student's family only for staff who may see the student, and a sender who may not reaches
	 * nobody. Partners may not write to families at all.
	 */
	@TestFactory
	Stream<DynamicTest> announcementAudiencesInEveryRole() {
		Set<String> mayReachCurrent = Set.of("district admin", "teacher of the class", "school admin", "counsellor",
				"family liaison", "attendance officer");
		List<DynamicTest> tests = new ArrayList<>();
		viewers.forEach((who, viewer) -> tests.add(DynamicTest.dynamicTest("announcement preview as " + who, () -> {
			var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.post("/api/v1/announcements/preview").with(viewer)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"audience\": {\"studentIds\": [\"" + current + "\"]}, \"category\": \"URGENT\", \"channels\": [\"IN_APP\"]}"))
				.andReturn().getResponse();
			if (who.equals("partner organisation")) {
				assertThat(response.getStatus()).isEqualTo(403);
				return;
			}
			assertThat(response.getStatus()).isEqualTo(200);
			// The walked guardian has no contact on file, so a reachable audience shows them as left out.
			assertThat(response.getContentAsString()).contains(mayReachCurrent.contains(who) ? "\"NO_USABLE_CONTACT\":1" : "\"excluded\":{}");
		})));
		return tests.stream();
	}

	/**
	 * The access log names a student too, but only administrators (and, once family sign-in lands,
	 * the student's own family) may read it: other staff are refused outright with 403.
	 */
	@TestFactory
	Stream<DynamicTest> theAccessLogOfAStudentInEveryRole() {
		Map<String, Integer> expected = Map.ofEntries(Map.entry("district admin", 200), Map.entry("school admin", 200),
				Map.entry("school admin elsewhere", 404));
		return viewers.entrySet().stream().map(viewer -> DynamicTest.dynamicTest("GET /api/v1/access-log as " + viewer.getKey(),
				() -> assertThat(status(get("/api/v1/access-log").param("studentId", current.toString()).with(viewer.getValue())))
					.isEqualTo(expected.getOrDefault(viewer.getKey(), 403))));
	}

	/**
	 * Families, signed in as family accounts linked to guardian records: the student's own guardian
	 * reads the student through the API, their children's page and the access log; a guardian under
	 * a no-records restriction, one without educational rights, and another child's guardian read
	 * nothing of the student. No family reaches the staff pages.
	 */
	@TestFactory
	Stream<DynamicTest> everyEndpointForEveryKindOfFamily() {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		UUID otherChild = given.student("Walk-other", "07");
		Map<String, RequestPostProcessor> families = new LinkedHashMap<>();
		families.put("the student's guardian",
				familyOf(given.aGuardian("Walk-family").ofStudent(current).withEducationalRights()));
		families.put("a guardian under a no-records restriction", familyOf(given.aGuardian("Walk-family")
			.ofStudent(current).withEducationalRights().underRestriction("NO_RECORDS", today.minusDays(1))));
		families.put("a guardian without educational rights",
				familyOf(given.aGuardian("Walk-family").ofStudent(current).withoutEducationalRights()));
		families.put("another child's guardian",
				familyOf(given.aGuardian("Walk-family").ofStudent(otherChild).withEducationalRights()));
		String own = "the student's guardian";

		Map<String, Function<String, Integer>> expected = new LinkedHashMap<>();
		expected.put("/api/v1/students/" + current, who -> who.equals(own) ? 200 : 404);
		expected.put("/api/v1/students/" + current + "/guardians", who -> who.equals(own) ? 200 : 404);
		expected.put("/api/v1/access-log?studentId=" + current, who -> who.equals(own) ? 200 : 404);
		expected.put("/students/" + current, who -> 404);
		expected.put("/guardians/" + ONLY_GUARDIAN.get(current), who -> 404);
		// Tasks are staff work; a family never sees one, even about its own child.
		expected.put("/api/v1/tasks/" + TASK_ABOUT.get(current), who -> 404);
		expected.put("/tasks/" + TASK_ABOUT.get(current), who -> 404);
		List<DynamicTest> tests = new ArrayList<>();
		expected.forEach((path, status) -> families.forEach((who, viewer) -> tests.add(DynamicTest.dynamicTest(
				"GET " + path.replace(current.toString(), "{id}") + " as " + who,
				() -> assertThat(status(get(path).with(viewer))).isEqualTo(status.apply(who))))));
		for (String list : List.of("/api/v1/me/children", "/my-children")) {
			families.forEach((who, viewer) -> tests.add(DynamicTest.dynamicTest("GET " + list + " as " + who, () -> {
				String page = mvc.perform(get(list).with(viewer)).andReturn().getResponse().getContentAsString();
				assertThat(page.contains(current.toString()) || page.contains("Walk-current")).isEqualTo(who.equals(own));
			})));
		}
		return tests.stream();
	}

	/** A family account linked to the guardian. */
	private RequestPostProcessor familyOf(Districts.GuardianSteps guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Walk family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian.id()).update();
		return user("family:" + account).roles("FAMILY");
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private static void staffAt(Districts given, UUID school, String role, String email) {
		given.assign(given.staff(role, email), school, role);
	}
}
