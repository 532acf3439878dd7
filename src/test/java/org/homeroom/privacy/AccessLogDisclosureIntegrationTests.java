package org.homeroom.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.directory.StudentRecordsAccessed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of disclosures (34 CFR 99.32) names every student a read showed: a search, a task list
 * and a delivery report each leave a row in the log of each student they listed.
 */
@IntegrationTest
class AccessLogDisclosureIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	JsonMapper json;

	@Autowired
	AccessLog log;

	Districts given;

	String run;

	UUID lincoln;

	String counsellor;

	RequestPostProcessor districtAdmin;

	@BeforeEach
	void aSchoolAndItsCounsellor() {
		given = Districts.in(jdbc);
		run = "Run" + UUID.randomUUID().toString().substring(0, 8);
		lincoln = given.school("Lincoln Middle " + run);
		counsellor = "disclosure.counsellor." + run.toLowerCase(Locale.ROOT) + "@district.test";
		given.assign(given.staff("Priya", counsellor), lincoln, "COUNSELOR");
		districtAdmin = user("disclosure.admin." + run.toLowerCase(Locale.ROOT) + "@district.test").roles("DISTRICT_ADMIN");
	}

	@Test
	void aSearchThatShowsThreeStudentsWritesThreeRowsEachNamingOneOfThem() throws Exception {
		List<UUID> shown = List.of(pupil("Ana"), pupil("Ben"), pupil("Cleo"));

		mvc.perform(get("/api/v1/students").param("q", run).with(user(counsellor).roles("COUNSELOR")))
			.andExpect(status().isOk());

		String rows = "select student_id from privacy.access_log where actor = ? and what = 'student.search'";
		awaitRows(rows, counsellor, 3);
		assertThat(jdbc.sql(rows).param(counsellor).query(UUID.class).list()).containsExactlyInAnyOrderElementsOf(shown);
		assertThat(jdbc.sql("select distinct student_count from privacy.access_log where actor = ? and what = 'student.search'")
			.param(counsellor).query(Integer.class).list()).containsExactly(3);
	}

	@Test
	void aStudentsOwnLogListsTheSearchTheTaskListAndTheDeliveryReportThatShowedThem() throws Exception {
		UUID maya = pupil("Maya");
		UUID aunt = given.aGuardian("Lucia", run).ofStudent(maya).withEducationalRights().id();
		RequestPostProcessor counsellorSignedIn = user(counsellor).roles("COUNSELOR");

		mvc.perform(get("/api/v1/students").param("q", run).with(counsellorSignedIn)).andExpect(status().isOk());
		mvc.perform(post("/api/v1/tasks").with(counsellorSignedIn).contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"Call the family of %s\", \"studentId\": \"%s\", \"assigneeUsername\": \"%s\"}".formatted(run, maya, counsellor)))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/tasks").param("q", run).with(counsellorSignedIn)).andExpect(status().isOk());
		// Lucia has no way to be reached, so the report lists her and Maya among the families not reached.
		String created = mvc.perform(post("/api/v1/announcements").with(districtAdmin).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "subject": "Trip", "body": "Permission slips are due.",
					 "category": "GENERAL", "channels": ["IN_APP"]}""".formatted(maya)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID announcement = UUID.fromString(json.readTree(created).get("id").asString());
		// The worker releases it; the report names the families once it has.
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select status from messaging.announcement where id = ?")
			.param(announcement).query(String.class).single().equals("RELEASED"));
		mvc.perform(get("/api/v1/announcements/{id}/report", announcement).with(districtAdmin)).andExpect(status().isOk());

		awaitRows("select student_id from privacy.access_log where student_id = ? and what in ('student.search', 'task.list', 'announcement.report')",
				maya, 3);
		JsonNode mayasLog = json.readTree(mvc.perform(get("/api/v1/access-log").param("studentId", maya.toString())
			.with(districtAdmin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		List<String> reads = new ArrayList<>();
		mayasLog.get("entries").forEach(entry -> reads.add(entry.get("what").asString()));
		assertThat(reads).contains("student.search", "task.list", "announcement.report");
	}

	@Test
	void aReportOfThousandsOfStudentsIsWrittenWholeWithOneRowForEach() throws InterruptedException {
		List<UUID> students = IntStream.range(0, 5_000).mapToObj(i -> UUID.randomUUID()).toList();
		String actor = "report.reader." + run.toLowerCase(Locale.ROOT) + "@district.test";

		log.on(new StudentRecordsAccessed(actor, students, "announcement.report", "api", "announcement=" + run, Instant.now()));

		awaitRows("select student_id from privacy.access_log where actor = ?", actor, 1);
		assertThat(jdbc.sql("select count(distinct student_id) from privacy.access_log where actor = ? and student_count = 5000")
			.param(actor).query(Integer.class).single()).isEqualTo(5_000);
	}

	private UUID pupil(String givenName) {
		UUID student = given.student(givenName, run, "07");
		given.enrol(student, lincoln, districtClock.today().minusMonths(1), null);
		return student;
	}

	/** The log is written after the read commits, by a listener of its own. */
	private void awaitRows(String query, Object parameter, int rows) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (jdbc.sql(query).param(parameter).query(UUID.class).list().size() < rows && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
	}
}
