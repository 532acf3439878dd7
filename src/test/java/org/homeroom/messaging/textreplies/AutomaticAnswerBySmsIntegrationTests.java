package org.homeroom.messaging.textreplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A family that writes by text outside the teacher's office hours is answered by text, in its own
 * language, once per closed period, and never at a number that opted out. The teacher keeps one
 * hour a week, three days from now, so that now is always outside it (the shared context keeps no
 * default hours, so that the other SMS tests never meet an automatic answer).
 */
class AutomaticAnswerBySmsIntegrationTests extends TextsAtLoopbackTwilio {

	String tag;

	UUID school;

	UUID pupil;

	UUID teacher;

	String teacherEmail;

	@BeforeEach
	void aTeacherOutOfOfficeHoursUntilThreeDaysFromNow() {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Answer Elementary " + tag);
		pupil = given.aStudent("Maria", "Lopez" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID section = given.aSection("Room 4 " + tag).at(school).id();
		given.enrolInSection(section, pupil, today.minusMonths(2), null);
		teacherEmail = "rivera." + tag + "@district.test";
		teacher = given.staff("Ana", "Rivera" + tag, teacherEmail);
		given.assign(teacher, school, "TEACHER");
		given.teach(section, teacher);
		jdbc.sql("insert into messaging.office_hours (staff_id, updated_by, updated_at) values (?, 'test', now())")
			.param(teacher).update();
		jdbc.sql("insert into messaging.office_hours_interval (staff_id, weekday, starts, ends) values (?, ?, '08:00', '09:00')")
			.params(teacher, today.plusDays(3).getDayOfWeek().getValue()).update();
	}

	@Test
	void aMotherWhoTextsAtNightIsAnsweredByTextInSpanishOnceForTheWholeClosedPeriod() throws Exception {
		String phone = aPhone();
		// She has an e-mail address and never chose SMS: the teacher's own messages reach her by e-mail only.
		UUID mother = guardian("Elena", phone, List.of());
		UUID thread = teacherWrites(mother, "Maria tuvo un buen día.");
		Thread.sleep(1000);
		assertThat(twilio.requestsTo(phone)).as("the teacher's message went by e-mail, not by text").isEmpty();

		assertThat(text(phone, "¿Hay tarea este fin de semana?").getStatus()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		String answer = twilio.textsTo(phone).get(0).get("Body");
		assertThat(answer).startsWith("Ana Rivera" + tag + " está fuera de su horario de atención. Puede esperar una respuesta");
		assertThat(answer).isEqualTo(automaticAnswers(thread).get(0));

		assertThat(text(phone, "¿Y para el lunes?").getStatus()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(thread).contains("¿Y para el lunes?"));
		Thread.sleep(1500);
		assertThat(automaticAnswers(thread)).as("one answer for the closed period").hasSize(1);
		assertThat(twilio.requestsTo(phone)).as("no second answer by text").hasSize(1);
	}

	@Test
	void aFatherWhoReadsTextsIsAnsweredByTextWhenHeWritesOnThePage() throws Exception {
		String phone = aPhone();
		UUID father = guardian("Luis", phone, List.of("SMS", "IN_APP"));
		UUID thread = teacherWrites(father, "Maria tuvo un buen día.");
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);

		mvc.perform(post("/api/v1/conversations/{id}/messages", thread).with(family(father))
			.contentType(MediaType.APPLICATION_JSON).content("{\"body\": \"¿Puedo llamarla mañana?\"}"))
			.andExpect(status().isCreated());

		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 2);
		assertThat(twilio.textsTo(phone).get(1).get("Body")).startsWith("Ana Rivera" + tag + " está fuera de su horario");
	}

	@Test
	void aNumberThatOptedOutGetsNoAnswerByTextThoughTheThreadShowsIt() throws Exception {
		String phone = aPhone();
		UUID mother = guardian("Rosa", phone, List.of("SMS"));
		UUID thread = teacherWrites(mother, "Maria tuvo un buen día.");
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		assertThat(text(phone, "STOP").getStatus()).isEqualTo(200);

		assertThat(text(phone, "Gracias, maestra.").getStatus()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> automaticAnswers(thread).size() == 1);
		Thread.sleep(1500);
		assertThat(twilio.requestsTo(phone)).as("nothing after STOP").hasSize(1);
		assertThat(jdbc.sql("select count(*) from messaging.sms_outbox where to_number = ? and status <> 'SKIPPED'")
			.param(phone).query(Integer.class).single()).isEqualTo(1);
	}

	private UUID guardian(String name, String phone, List<String> preferred) {
		Districts.GuardianSteps steps = Districts.in(jdbc).aGuardian(name, "Lopez" + tag).ofStudent(pupil)
			.withEducationalRights().reachableByEmail(name.toLowerCase() + "." + tag + "@family.test").reachableByPhone(phone)
			.speaking("es");
		return (preferred.isEmpty() ? steps : steps.preferring(preferred, null)).id();
	}

	private UUID teacherWrites(UUID guardian, String body) throws Exception {
		RequestPostProcessor asTeacher = user(teacherEmail).roles("TEACHER");
		String location = mvc.perform(post("/students/{id}/message", pupil).with(asTeacher).with(csrf())
			.param("guardianId", guardian.toString()).param("body", body))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private List<String> automaticAnswers(UUID thread) {
		return jdbc.sql("""
				select body from messaging.conversation_message where conversation_id = ? and author_side = 'SYSTEM'
				order by created_at""").param(thread).query(String.class).list();
	}
}
