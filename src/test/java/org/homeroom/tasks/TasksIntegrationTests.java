package org.homeroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Staff keep a work queue of tasks about students and families; who sees a task follows the access policy. */
@IntegrationTest
class TasksIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Tasks tasks;

	UUID maya;

	UUID rosa;

	UUID outsider;

	String liaison;

	String counsellor;

	String teacher;

	LocalDate today;

	@BeforeEach
	void aSchoolWithMayaHerMotherAndItsStaff() {
		Districts given = Districts.in(jdbc);
		today = districtClock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Lincoln Middle " + tag);
		maya = given.aStudent("Maya", "Ortega").inGrade("07").enrolledAt(school, today.minusMonths(2)).id();
		rosa = given.aGuardian("Rosa", "Ortega").ofStudent(maya).withEducationalRights().id();
		UUID roosevelt = given.school("Roosevelt High " + tag);
		outsider = given.aStudent("Omar", "Elsewhere").inGrade("07").enrolledAt(roosevelt, today.minusMonths(2)).id();
		liaison = "liaison-" + tag + "@district.test";
		given.assign(given.staff("Yousef", liaison), school, "FAMILY_LIAISON");
		counsellor = "counsellor-" + tag + "@district.test";
		given.assign(given.staff("Priya", counsellor), school, "COUNSELOR");
		teacher = "teacher-" + tag + "@district.test";
		UUID maths = given.aSection("Maths 7").at(school).taughtBy(given.staff("Lucía", teacher)).id();
		given.enrolInSection(maths, maya, today.minusMonths(2), null);
	}

	@Test
	void aLiaisonOpensATaskAboutAStudentAndItsFamilyAndReadsItBack() throws Exception {
		String id = id(send(post("/api/v1/tasks"), staff(liaison, "FAMILY_LIAISON"), """
				{"title": "Call Rosa about the field trip", "studentId": "%s", "guardianId": "%s",
				 "assigneeUsername": "%s", "due": "%s", "notes": "She prefers Spanish, after 5 pm"}"""
			.formatted(maya, rosa, counsellor.toUpperCase(), today.plusDays(3)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.studentName").value("Maya Ortega"))
			.andExpect(jsonPath("$.guardianName").value("Rosa Ortega"))
			.andExpect(jsonPath("$.assignee").value(counsellor))
			.andExpect(jsonPath("$.source").value("manual"))
			.andExpect(jsonPath("$.createdBy").value(liaison)));

		mvc.perform(get("/api/v1/tasks/" + id).with(staff(counsellor, "COUNSELOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.title").value("Call Rosa about the field trip"))
			.andExpect(jsonPath("$.due").value(today.plusDays(3).toString()))
			.andExpect(jsonPath("$.notes[0].body").value("She prefers Spanish, after 5 pm"))
			.andExpect(jsonPath("$.notes[0].author").value(liaison));
	}

	@Test
	void aTaskMovesThroughItsStatusesAndRefusesAMoveItsStatusDoesNotAllow() throws Exception {
		String id = id(create("Send the enrolment pack", counsellor));
		change(id, "{\"status\": \"IN_PROGRESS\"}").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IN_PROGRESS"));
		change(id, "{\"status\": \"DONE\", \"outcome\": \"Sent by post\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DONE"))
			.andExpect(jsonPath("$.outcome").value("Sent by post"))
			.andExpect(jsonPath("$.closedAt").isNotEmpty());

		change(id, "{\"status\": \"IN_PROGRESS\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		change(id, "{\"status\": \"OPEN\"}").andExpect(status().isOk()).andExpect(jsonPath("$.closedAt").isEmpty());
		change(id, "{\"status\": \"CANCELLED\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		change(id, "{\"status\": \"CANCELLED\", \"reason\": \"The family moved away\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"))
			.andExpect(jsonPath("$.outcome").value("The family moved away"));
	}

	@Test
	void aChangeIsAppliedWholeOrNotAtAll() throws Exception {
		String id = id(create("Book an interpreter", counsellor));
		change(id, "{\"note\": \"Asked the district office\", \"due\": \"%s\"}".formatted(today.minusDays(1)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("due"));
		mvc.perform(get("/api/v1/tasks/" + id).with(staff(liaison, "FAMILY_LIAISON")))
			.andExpect(jsonPath("$.notes.length()").value(0));

		change(id, "{\"assigneeUsername\": \"nobody@district.test\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("assigneeUsername"));
		change(id, "{\"status\": \"IN_PROGRESS\", \"version\": 99}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].field").value("version"));
	}

	@Test
	void notesAreAddedInOrderWithTheirAuthors() throws Exception {
		String id = id(create("Follow up on attendance", liaison));
		change(id, "{\"note\": \"Left a voicemail\"}").andExpect(status().isOk());
		send(patch("/api/v1/tasks/" + id), staff(counsellor, "COUNSELOR"), "{\"note\": \"Mother called back\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.notes.length()").value(2))
			.andExpect(jsonPath("$.notes[0].body").value("Left a voicemail"))
			.andExpect(jsonPath("$.notes[0].author").value(liaison))
			.andExpect(jsonPath("$.notes[1].body").value("Mother called back"))
			.andExpect(jsonPath("$.notes[1].author").value(counsellor))
			.andExpect(jsonPath("$.notes[1].writtenAt").isNotEmpty());
		change(id, "{\"note\": \"  \"}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("note"));
	}

	@Test
	void theQueueFiltersByAssigneeAndPages() throws Exception {
		for (int i = 0; i < 27; i++) {
			create("Call family " + i, counsellor);
		}
		create("Call family for the liaison", liaison);
		mvc.perform(get("/api/v1/tasks").param("assignee", "me").with(staff(counsellor, "COUNSELOR")))
			.andExpect(jsonPath("$.total").value(27))
			.andExpect(jsonPath("$.items.length()").value(25));
		mvc.perform(get("/api/v1/tasks").param("assignee", "me").param("page", "1").with(staff(counsellor, "COUNSELOR")))
			.andExpect(jsonPath("$.items.length()").value(2));
		mvc.perform(get("/api/v1/tasks").param("assignee", liaison).with(staff(counsellor, "COUNSELOR")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].title").value("Call family for the liaison"));
		mvc.perform(get("/api/v1/tasks").param("assignee", liaison).param("q", "LIAISON").param("status", "ACTIVE")
			.with(staff(counsellor, "COUNSELOR"))).andExpect(jsonPath("$.total").value(1));
		mvc.perform(get("/api/v1/tasks").param("status", "LOST").with(staff(counsellor, "COUNSELOR")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
	}

	@Test
	void theDueFilterFindsOverdueTasksAndThoseDueThisWeek() throws Exception {
		String overdue = tasks.open(new NewTask("Overdue call", maya, null, liaison, null, null, "test")).toString();
		jdbc.sql("update tasks.task set due_on = ? where id = ?").params(today.minusDays(2), UUID.fromString(overdue)).update();
		tasks.open(new NewTask("Due today", maya, null, liaison, today, null, "test"));
		tasks.open(new NewTask("Due next month", maya, null, liaison, today.plusMonths(1), null, "test"));
		mvc.perform(get("/api/v1/tasks").param("assignee", "me").param("due", "OVERDUE").with(staff(liaison, "FAMILY_LIAISON")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(overdue));
		mvc.perform(get("/api/v1/tasks").param("assignee", "me").param("due", "WEEK").with(staff(liaison, "FAMILY_LIAISON")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].title").value("Due today"));
	}

	@Test
	void aTeacherCannotSeeATaskAboutAStudentOutsideTheirClasses() throws Exception {
		UUID aboutOutsider = tasks.open(new NewTask("Call Omar's family", outsider, null, null, null, null, "test"));
		UUID aboutMaya = tasks.open(new NewTask("Call Maya's family", maya, null, null, null, null, "test"));
		mvc.perform(get("/api/v1/tasks/" + aboutOutsider).with(staff(teacher, "TEACHER"))).andExpect(status().isNotFound());
		send(patch("/api/v1/tasks/" + aboutOutsider), staff(teacher, "TEACHER"), "{\"note\": \"hello\"}")
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/tasks/" + aboutMaya).with(staff(teacher, "TEACHER"))).andExpect(status().isOk());
		String list = mvc.perform(get("/api/v1/tasks").with(staff(teacher, "TEACHER"))).andReturn().getResponse()
			.getContentAsString();
		assertThat(list).contains(aboutMaya.toString()).doesNotContain(aboutOutsider.toString());
		send(post("/api/v1/tasks"), staff(teacher, "TEACHER"), "{\"title\": \"Call\", \"studentId\": \"%s\"}".formatted(outsider))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("studentId"));
	}

	@Test
	void aTaskAboutAGuardianIsForStaffWhoMaySeeOneOfTheirChildren() throws Exception {
		UUID aboutRosa = tasks.open(new NewTask("Call Rosa", null, rosa, null, null, null, "messaging:announcement:1"));
		mvc.perform(get("/api/v1/tasks/" + aboutRosa).with(staff(liaison, "FAMILY_LIAISON"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.source").value("messaging:announcement:1"));
		mvc.perform(get("/api/v1/tasks/" + aboutRosa).with(user("walk.other@district.test").roles("COUNSELOR")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/tasks/" + aboutRosa).with(user("family:x").roles("FAMILY"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/tasks").with(user("partner@agency.test").roles("PARTNER"))).andExpect(status().isForbidden());
	}

	@Test
	void readingATaskAboutAStudentIsLoggedAsARecordRead() throws Exception {
		UUID aboutMaya = tasks.open(new NewTask("Call Maya's family", maya, null, null, null, null, "test"));
		mvc.perform(get("/api/v1/tasks/" + aboutMaya).with(staff(counsellor, "COUNSELOR"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/tasks").param("studentId", maya.toString()).with(staff(liaison, "FAMILY_LIAISON")))
			.andExpect(jsonPath("$.total").value(1));
		// The access log is written after each read commits, by a listener of its own.
		java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
		while ((logged(counsellor, "task") == 0 || logged(liaison, "task.list") == 0)
				&& java.time.Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		assertThat(logged(counsellor, "task")).isEqualTo(1);
		assertThat(logged(liaison, "task.list")).isEqualTo(1);
	}

	private int logged(String actor, String what) {
		// A single read names its student; a list is one entry with its query and how many it showed.
		return jdbc.sql("""
				select count(*) from privacy.access_log where actor = ? and what = ?
				  and (student_id = ? or (student_id is null and student_count = 1 and query like '%' || ? || '%'))""")
			.params(actor, what, maya, maya.toString()).query(Integer.class).single();
	}

	private ResultActions create(String title, String assignee) throws Exception {
		return send(post("/api/v1/tasks"), staff(liaison, "FAMILY_LIAISON"),
				"{\"title\": \"%s\", \"studentId\": \"%s\", \"assigneeUsername\": \"%s\"}".formatted(title, maya, assignee))
			.andExpect(status().isCreated());
	}

	private ResultActions change(String id, String body) throws Exception {
		return send(patch("/api/v1/tasks/" + id), staff(liaison, "FAMILY_LIAISON"), body);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(request.with(who).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private static RequestPostProcessor staff(String email, String role) {
		return user(email).roles(role);
	}

	private static String id(ResultActions created) throws Exception {
		String body = created.andReturn().getResponse().getContentAsString();
		return body.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
	}
}
