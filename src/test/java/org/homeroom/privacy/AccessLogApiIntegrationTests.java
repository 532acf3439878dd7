package org.homeroom.privacy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Who may read the access log, and what it tells them. */
@IntegrationTest
class AccessLogApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	UUID maya;

	String principal;

	@BeforeEach
	void aCounsellorReadsMayasRecord() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = districtClock.today();
		UUID lincoln = given.school("Lincoln Middle");
		maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, today.minusMonths(1)).id();
		String counsellor = "log.counsellor." + UUID.randomUUID() + "@district.test";
		principal = "log.principal." + UUID.randomUUID() + "@district.test";
		given.assign(given.staff("Priya", counsellor), lincoln, "COUNSELOR");
		given.assign(given.staff("Marcus", principal), lincoln, "SCHOOL_ADMIN");

		mvc.perform(get("/api/v1/students/" + maya).with(user(counsellor).roles("COUNSELOR"))).andExpect(status().isOk());
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (jdbc.sql("select count(*) from privacy.access_log where student_id = ?").param(maya).query(Integer.class)
			.single() == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
	}

	@Test
	void aSchoolAdministratorSeesWhoReadAStudentsRecord() throws Exception {
		mvc.perform(get("/api/v1/access-log").param("studentId", maya.toString()).with(user(principal).roles("SCHOOL_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.entries[0].actor").value(org.hamcrest.Matchers.startsWith("log.counsellor.")))
			.andExpect(jsonPath("$.entries[0].readerName").value("Priya Testing"))
			.andExpect(jsonPath("$.entries[0].what").value("student"))
			.andExpect(jsonPath("$.entries[0].purpose").value("api"));
	}

	@Test
	void aSchoolAdministratorMustNameAStudentTheyMaySee() throws Exception {
		mvc.perform(get("/api/v1/access-log").with(user(principal).roles("SCHOOL_ADMIN")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("studentId"));
		UUID elsewhere = Districts.in(jdbc).student("Other", "07");
		mvc.perform(get("/api/v1/access-log").param("studentId", elsewhere.toString()).with(user(principal).roles("SCHOOL_ADMIN")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aDistrictAdministratorFiltersTheWholeLogByReader() throws Exception {
		mvc.perform(get("/api/v1/access-log").param("actor", "log.counsellor").with(user("admin@district.test").roles("DISTRICT_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
	}

	@Test
	void teachersMayNotReadTheLog() throws Exception {
		mvc.perform(get("/api/v1/access-log").param("studentId", maya.toString()).with(user("t@district.test").roles("TEACHER")))
			.andExpect(status().isForbidden());
	}
}
