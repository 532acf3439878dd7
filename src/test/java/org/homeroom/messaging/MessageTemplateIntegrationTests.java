package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.delivery.MessageRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/** Templates are saved per school, seen only by that school's staff, and fill in per family when sent. */
@IntegrationTest(properties = { "homeroom.messaging.quiet-hours-start=00:00", "homeroom.messaging.quiet-hours-end=00:00" })
class MessageTemplateIntegrationTests {

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

	Districts given;

	UUID lincoln;

	UUID oak;

	RequestPostProcessor lincolnTeacher;

	RequestPostProcessor oakTeacher;

	@BeforeEach
	void twoSchoolsAndTheirTeachers() {
		given = Districts.in(jdbc);
		lincoln = given.school("Lincoln Middle " + UUID.randomUUID());
		oak = given.school("Oak Elementary " + UUID.randomUUID());
		String lincolnEmail = "t" + UUID.randomUUID().toString().substring(0, 8) + "@lincoln.test";
		String oakEmail = "t" + UUID.randomUUID().toString().substring(0, 8) + "@oak.test";
		given.assign(given.staff("Lina", "Teacher", lincolnEmail), lincoln, "TEACHER");
		given.assign(given.staff("Omar", "Teacher", oakEmail), oak, "TEACHER");
		lincolnTeacher = user(lincolnEmail).roles("TEACHER");
		oakTeacher = user(oakEmail).roles("TEACHER");
	}

	@AfterEach
	void cleanUp() {
		jdbc.sql("delete from messaging.message_template where school_id in (?, ?)").params(lincoln, oak).update();
	}

	@Test
	void aSavedTemplateIsListedForItsSchoolAndFoundBySearch() throws Exception {
		save(lincolnTeacher, lincoln, "Picture day", "Picture day at {school}");
		save(lincolnTeacher, lincoln, "Field trip", "Trip for {childName}");

		mvc.perform(get("/api/v1/announcement-templates").param("schoolId", lincoln.toString()).with(lincolnTeacher))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.rows[0].name").value("Field trip"));
		mvc.perform(get("/api/v1/announcement-templates").param("schoolId", lincoln.toString()).param("q", "PICTURE")
				.with(lincolnTeacher))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.rows[0].body").value("Picture day at {school}"));
	}

	@Test
	void aNameIsUsedOncePerSchoolButAnotherSchoolMayUseIt() throws Exception {
		save(lincolnTeacher, lincoln, "Picture day", "Smile");
		mvc.perform(post("/api/v1/announcement-templates").with(lincolnTeacher).contentType(MediaType.APPLICATION_JSON)
				.content(draft(lincoln, "picture DAY", "Again")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		save(oakTeacher, oak, "Picture day", "Smile at Oak");
	}

	@Test
	void staffOfAnotherSchoolCannotSeeUseChangeOrDeleteIt() throws Exception {
		UUID id = save(lincolnTeacher, lincoln, "Picture day", "Smile");

		mvc.perform(get("/api/v1/announcement-templates").param("schoolId", lincoln.toString()).with(oakTeacher))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/announcement-templates/{id}", id).with(oakTeacher)).andExpect(status().isNotFound());
		mvc.perform(patch("/api/v1/announcement-templates/{id}", id).with(oakTeacher).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Mine now\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/announcement-templates/{id}", id).with(oakTeacher)).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/announcement-templates").with(oakTeacher).contentType(MediaType.APPLICATION_JSON)
				.content(draft(lincoln, "Sneaky", "Hello")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/announcement-templates").param("schoolId", oak.toString()).with(oakTeacher))
			.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void aFamilyIsRefusedAndADistrictWideTemplateNeedsADistrictAdministrator() throws Exception {
		UUID id = save(lincolnTeacher, lincoln, "Picture day", "Smile");
		RequestPostProcessor family = user("family@home.test").roles("FAMILY");

		mvc.perform(get("/api/v1/announcement-templates").param("schoolId", lincoln.toString()).with(family))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/announcement-templates/{id}", id).with(family)).andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/announcement-templates/{id}", id).with(family)).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/announcement-templates").with(lincolnTeacher).contentType(MediaType.APPLICATION_JSON)
				.content(draft(null, "Everyone " + UUID.randomUUID(), "Hello")))
			.andExpect(status().isForbidden());
	}

	@Test
	void anUnknownPlaceholderIsRefusedNamingTheField() throws Exception {
		mvc.perform(post("/api/v1/announcement-templates").with(lincolnTeacher).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"schoolId": "%s", "name": "Typo", "category": "GENERAL", "subject": "Hello",
						 "body": "Dear {parentName}, see you soon."}""".formatted(lincoln)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("{parentName}")));
		assertThat(jdbc.sql("select count(*) from messaging.message_template where school_id = ?").param(lincoln)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aTemplateIsChangedAndDeletedByItsSchool() throws Exception {
		UUID id = save(lincolnTeacher, lincoln, "Picture day", "Smile");
		mvc.perform(patch("/api/v1/announcement-templates/{id}", id).with(lincolnTeacher).contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\": \"Picture day moved\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value("Picture day moved"))
			.andExpect(jsonPath("$.name").value("Picture day"));
		mvc.perform(delete("/api/v1/announcement-templates/{id}", id).with(lincolnTeacher)).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/announcement-templates/{id}", id).with(lincolnTeacher)).andExpect(status().isNotFound());
	}

	@Test
	void anAnnouncementStartedFromATemplateIsFilledInForEachFamily() throws Exception {
		UUID id = save(lincolnTeacher, lincoln, "Picture day", "Dear {guardianName}, {childName} smiles at {school} on Friday.");
		UUID maya = given.student("Maya", "07");
		given.enrol(maya, lincoln, districtClock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights()
			.reachableByEmail("rosa" + UUID.randomUUID().toString().substring(0, 6) + "@family.test")
			.id();
		RequestPostProcessor admin = user("tmpl.admin@district.test").roles("DISTRICT_ADMIN");

		var template = json.readTree(mvc.perform(get("/api/v1/announcement-templates/{id}", id).with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		String created = mvc.perform(post("/api/v1/announcements").with(admin).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(java.util.Map.of("audience", java.util.Map.of("schoolIds", java.util.List.of(lincoln)),
						"subject", template.get("subject").asString(), "body", template.get("body").asString(),
						"category", template.get("category").asString(), "channels", java.util.List.of("IN_APP")))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID announcement = UUID.fromString(json.readTree(created).get("id").asString());

		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(announcement).query(Integer.class).single() == 1);
		String filled = jdbc.sql("""
				select a.body, d.guardian_name, d.child_names, d.school_names
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id where d.announcement_id = ?""")
			.param(announcement)
			.query((rs, row) -> MessageRenderer.forFamily(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.single();
		String school = jdbc.sql("select name from directory.school where id = ?").param(lincoln).query(String.class).single();
		assertThat(filled).startsWith("Dear Rosa Testing, Maya smiles at %s on Friday.".formatted(school));
	}

	@Test
	void theNewAnnouncementFormOffersTheSchoolsTemplatesAndStartsFromTheOneChosen() throws Exception {
		UUID id = save(lincolnTeacher, lincoln, "Picture day", "Smile, {childName}!");
		save(oakTeacher, oak, "Oak concert", "Songs at {school}");

		String form = mvc.perform(get("/announcements/new").with(lincolnTeacher)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(form).contains("Picture day").doesNotContain("Oak concert");

		String started = mvc.perform(get("/announcements/new").param("template", id.toString()).with(lincolnTeacher))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(started).contains("value=\"Subject Picture day\"").contains("Smile, {childName}!");
		mvc.perform(get("/announcements/new").param("template", id.toString()).with(oakTeacher))
			.andExpect(status().isNotFound());
	}

	private UUID save(RequestPostProcessor who, UUID school, String name, String body) throws Exception {
		String saved = mvc.perform(post("/api/v1/announcement-templates").with(who).contentType(MediaType.APPLICATION_JSON)
				.content(draft(school, name, body)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(json.readTree(saved).get("id").asString());
	}

	private String draft(UUID school, String name, String body) {
		return json.writeValueAsString(new MessageTemplate.Draft(school, name, Category.GENERAL, "Subject " + name, body));
	}
}
