package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A district in Chicago, with the default school day (Monday to Friday, 8:00 to 16:00): a family
 * writing outside it gets one automatic answer in its own language per closed period, shown in the
 * thread to both sides, and the thread still waits for staff.
 */
@IntegrationTest
@TestPropertySource(properties = "homeroom.directory.time-zone=America/Chicago")
@Import(SettableClock.Replacing.class)
class AutomaticAnswerIntegrationTests {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SettableClock clock;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Conversations conversations;

	Districts given;

	String tag;

	UUID school;

	UUID maria;

	UUID mother;

	UUID rivera;

	RequestPostProcessor teacher;

	RequestPostProcessor motherAccount;

	@BeforeEach
	void aSpanishSpeakingMotherAndHerDaughtersTeacher() {
		at("2026-12-07T10:00");
		districtClock.forget();
		given = Districts.in(jdbc);
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Jefferson Elementary " + tag);
		maria = given.aStudent("Maria", "Lopez" + tag).inGrade("03").enrolledAt(school, districtClock.today().minusMonths(2))
			.id();
		UUID section = given.aSection("Room 12 " + tag).at(school).id();
		given.enrolInSection(section, maria, districtClock.today().minusMonths(2), null);
		mother = given.aGuardian("Elena", "Lopez" + tag).ofStudent(maria).withEducationalRights().speaking("es").id();
		String email = "rivera." + tag + "@district.test";
		rivera = given.staff("Ana", "Rivera" + tag, email);
		given.assign(rivera, school, "TEACHER");
		given.teach(section, rivera);
		teacher = user(email).roles("TEACHER");
		motherAccount = family(mother);
	}

	@Test
	void onFridayEveningTheMotherIsToldInSpanishToExpectAReplyOnMondayOnceUntilThen() throws Exception {
		at("2026-12-11T18:00");
		UUID thread = familyWritesToTeacher("¿Hay tarea este fin de semana?");
		at("2026-12-11T19:30");
		answer(motherAccount, thread, "¿Y para el lunes?");
		at("2026-12-12T09:00");
		answer(motherAccount, thread, "Gracias.");

		assertThat(automaticAnswers(thread)).as("one answer for the whole weekend, not one per message").singleElement()
			.asString()
			.startsWith("Ana Rivera" + tag + " está fuera de su horario de atención. Puede esperar una respuesta a partir del lunes");
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(teacher)).andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[1].authorSide").value("SYSTEM"))
			.andExpect(jsonPath("$.messages[1].authorRole").value("Automatic answer"))
			.andExpect(jsonPath("$.unanswered").value(true));
		mvc.perform(get("/api/v1/conversations").param("unanswered", "true").with(teacher))
			.andExpect(jsonPath("$.items[0].id").value(thread.toString()));
		// The teacher's reading leaves it unread for the family, to whom it was written; her opening the thread reads it.
		assertThat(unreadAutomaticAnswers(thread)).isOne();
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount)).andExpect(status().isOk());
		assertThat(unreadAutomaticAnswers(thread)).isZero();
		UUID automatic = jdbc.sql("select id from messaging.conversation_message where conversation_id = ? and author_side = 'SYSTEM'")
			.param(thread).query(UUID.class).single();
		mvc.perform(post("/api/v1/conversations/{id}/messages/{m}/report", thread, automatic).with(motherAccount)
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"?\"}"))
			.andExpect(status().isNotFound());
	}

	private int unreadAutomaticAnswers(UUID thread) {
		return jdbc.sql("""
				select count(*) from messaging.conversation_message
				where conversation_id = ? and author_side = 'SYSTEM' and read_at is null""").param(thread).query(Integer.class)
			.single();
	}

	@Test
	void inOfficeHoursNothingIsAnsweredAndTheNextEveningIsANewPeriod() throws Exception {
		at("2026-12-08T10:00");
		UUID thread = familyWritesToTeacher("¿Puedo hablar con usted?");
		assertThat(automaticAnswers(thread)).as("Tuesday 10:00 is in office hours").isEmpty();

		at("2026-12-08T17:00");
		answer(motherAccount, thread, "¿Mañana?");
		at("2026-12-09T17:00");
		answer(motherAccount, thread, "¿Hoy?");
		assertThat(automaticAnswers(thread)).as("Tuesday evening, then Wednesday evening").hasSize(2)
			.allSatisfy(text -> assertThat(text).contains("mañana"));
	}

	@Test
	void aReplyArrivingBySmsOutsideHoursIsAnsweredToo() throws Exception {
		at("2026-12-08T10:00");
		UUID thread = familyWritesToTeacher("Hola");
		at("2026-12-12T23:00");
		conversations.postFromGuardian(mother, thread, "Respuesta por SMS");
		assertThat(automaticAnswers(thread)).singleElement().asString().contains("lunes");
	}

	@Test
	void staffWritingAtNightGetNoAutomaticAnswer() throws Exception {
		at("2026-12-11T22:00");
		UUID thread = created(mvc.perform(post("/api/v1/conversations").with(teacher).contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"Hola\"}".formatted(maria, mother)))
			.andReturn().getResponse().getContentAsString());
		assertThat(automaticAnswers(thread)).isEmpty();
	}

	@Test
	void aThreadToTheOfficeIsAnsweredForTheOfficeWhenNoneOfItsStaffIsInHours() throws Exception {
		given.assign(given.staff("Lia", "Son" + tag, "liaison." + tag + "@district.test"), school, "FAMILY_LIAISON");
		at("2026-12-11T18:00");
		UUID thread = created(mvc.perform(post("/api/v1/me/conversations").with(motherAccount)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"to\": \"OFFICE\", \"body\": \"¿Abren el lunes?\"}".formatted(maria)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		assertThat(automaticAnswers(thread)).singleElement().asString()
			.startsWith("Oficina de la escuela está fuera de su horario de atención").contains("lunes");
	}

	@Test
	void anOfficeWithNobodyOnRecordPromisesNoReplyTime() throws Exception {
		at("2026-12-11T18:00");
		UUID thread = created(mvc.perform(post("/api/v1/me/conversations").with(motherAccount)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"to\": \"OFFICE\", \"body\": \"¿Hola?\"}".formatted(maria)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		assertThat(automaticAnswers(thread)).isEmpty();
	}

	private UUID familyWritesToTeacher(String body) throws Exception {
		return created(mvc.perform(post("/api/v1/me/conversations").with(motherAccount).contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"to\": \"TEACHER\", \"staffId\": \"%s\", \"body\": \"%s\"}".formatted(maria,
					rivera, body)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private void answer(RequestPostProcessor who, UUID thread, String body) throws Exception {
		mvc.perform(post("/api/v1/conversations/{id}/messages", thread).with(who).contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"%s\"}".formatted(body))).andExpect(status().isCreated());
	}

	private List<String> automaticAnswers(UUID thread) {
		return jdbc.sql("""
				select body from messaging.conversation_message where conversation_id = ? and author_side = 'SYSTEM'
				order by created_at""").param(thread).query(String.class).list();
	}

	private void at(String chicagoTime) {
		clock.set(LocalDateTime.parse(chicagoTime).atZone(CHICAGO).toInstant());
	}

	private static UUID created(String response) {
		return UUID.fromString(response.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
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
