package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The end of a thread and of a report: staff close a thread once they confirm it, after which
 * nobody writes in it; a school administrator marks a report dealt with, once confirmed; and what
 * staff sent can never be deleted, there being no way to ask for it.
 */
@IntegrationTest
class ConversationClosingIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	String tag;

	UUID school;

	UUID thread;

	UUID firstMessage;

	RequestPostProcessor teacher;

	RequestPostProcessor motherAccount;

	@BeforeEach
	void aThreadBetweenMariasTeacherAndHerMother() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Jefferson " + tag);
		UUID maria = given.aStudent("Maria", "Lopez" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID section = given.aSection("Room 12 " + tag).at(school).id();
		given.enrolInSection(section, maria, today.minusMonths(2), null);
		UUID mother = given.aGuardian("Elena", "Lopez" + tag).ofStudent(maria).withEducationalRights().id();
		String email = "rivera." + tag + "@district.test";
		UUID rivera = given.staff("Ana", "Rivera" + tag, email);
		given.assign(rivera, school, "TEACHER");
		given.teach(section, rivera);
		teacher = user(email).roles("TEACHER");
		motherAccount = family(mother);
		String response = mvc.perform(post("/api/v1/conversations").with(teacher).contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"The trip is on Friday.\"}".formatted(maria,
					mother)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		thread = UUID.fromString(response.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
		firstMessage = jdbc.sql("select id from messaging.conversation_message where conversation_id = ?").param(thread)
			.query(UUID.class).single();
	}

	@Test
	void theTeacherClosesTheThreadOnlyOnceSheConfirmsAndThenNobodyWritesInIt() throws Exception {
		mvc.perform(post("/conversations/{id}/close", thread).with(teacher).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("error", "confirm"));
		assertThat(statusOf(thread)).isEqualTo("OPEN");

		mvc.perform(post("/conversations/{id}/close", thread).param("confirm", "true").with(teacher).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("closed", true));
		assertThat(statusOf(thread)).isEqualTo("CLOSED");

		mvc.perform(post("/api/v1/conversations/{id}/messages", thread).with(motherAccount)
			.contentType(MediaType.APPLICATION_JSON).content("{\"body\": \"¿Y el viernes?\"}"))
			.andExpect(status().isConflict());
		mvc.perform(post("/family/conversations/{id}", thread).param("body", "¿Hola?").with(motherAccount).with(csrf()))
			.andExpect(flash().attribute("error", "closed"));
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount))
			.andExpect(jsonPath("$.status").value("CLOSED")).andExpect(jsonPath("$.mayPost").value(false))
			.andExpect(jsonPath("$.messages.length()").value(1));
	}

	@Test
	void theFamilyCannotCloseTheThread() throws Exception {
		mvc.perform(post("/conversations/{id}/close", thread).param("confirm", "true").with(motherAccount).with(csrf()))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(403, 404));
		assertThat(statusOf(thread)).isEqualTo("OPEN");
	}

	@Test
	void theSchoolsAdministratorResolvesAReportOnceConfirmedAndAnotherSchoolsCannot() throws Exception {
		mvc.perform(post("/api/v1/conversations/{id}/messages/{m}/report", thread, firstMessage).with(motherAccount)
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Rude\"}")).andExpect(status().isNoContent());
		UUID report = jdbc.sql("select id from messaging.conversation_report where message_id = ?").param(firstMessage)
			.query(UUID.class).single();
		Districts given = Districts.in(jdbc);
		String principal = "principal." + tag + "@district.test";
		given.assign(given.staff("Pat", "Principal" + tag, principal), school, "SCHOOL_ADMIN");
		String elsewhere = "elsewhere." + tag + "@district.test";
		given.assign(given.staff("Eli", "Where" + tag, elsewhere), given.school("Elsewhere " + tag), "SCHOOL_ADMIN");

		mvc.perform(post("/conversations/reports/{id}/resolve", report).param("confirm", "true")
			.with(user(elsewhere).roles("SCHOOL_ADMIN")).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/conversations/reports/{id}/resolve", report).with(user(principal).roles("SCHOOL_ADMIN"))
			.with(csrf())).andExpect(flash().attribute("error", "confirm"));
		assertThat(resolvedBy(report)).isNull();

		mvc.perform(post("/conversations/reports/{id}/resolve", report).param("confirm", "true")
			.with(user(principal).roles("SCHOOL_ADMIN")).with(csrf())).andExpect(flash().attribute("resolved", true));
		assertThat(resolvedBy(report)).isEqualTo(principal);
		mvc.perform(get("/api/v1/conversation-reports").with(user(principal).roles("SCHOOL_ADMIN")))
			.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void staffHaveNoWayToDeleteWhatTheySent(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) throws Exception {
		List<String> removing = mappings.getHandlerMethods().keySet().stream()
			.filter(info -> info.getPatternValues().stream().anyMatch(pattern -> pattern.contains("conversation")))
			.filter(info -> info.getMethodsCondition().getMethods().isEmpty()
					|| info.getMethodsCondition().getMethods().stream()
						.anyMatch(method -> method == RequestMethod.DELETE || method == RequestMethod.PUT
								|| method == RequestMethod.PATCH))
			.map(Object::toString).toList();
		assertThat(removing).as("conversation endpoints that could remove or rewrite a message").isEmpty();

		mvc.perform(delete("/api/v1/conversations/{id}/messages/{m}", thread, firstMessage).with(teacher))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(404, 405));
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount))
			.andExpect(jsonPath("$.messages[0].body").value("The trip is on Friday."));
	}

	private String statusOf(UUID conversation) {
		return jdbc.sql("select status from messaging.conversation where id = ?").param(conversation).query(String.class)
			.single();
	}

	private String resolvedBy(UUID report) {
		return jdbc.sql("select resolved_by from messaging.conversation_report where id = ?").param(report)
			.query((rs, row) -> rs.getString(1)).list().get(0);
	}

	private RequestPostProcessor family(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}
}
