package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What goes out by e-mail: a family told of a staff message in their own language, and the daily
 * digest of unanswered conversations, once a day, naming no student. The mail server is a closed
 * loopback port, so the queue keeps what was to be sent for the test to read.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=1",
		"homeroom.mail.from=Homeroom <homeroom@riverside.example>", "homeroom.messaging.conversations.digest-at=00:00" })
class ConversationMailIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Autowired
	ConversationDigest digest;

	@Test
	void aFamilyIsToldOfAStaffMessageInItsLanguageAndTheTeacherGetsOneDigestADay() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Mail Elementary " + tag);
		UUID pupil = given.aStudent("Marta", "Ruiz" + tag).inGrade("03").enrolledAt(school, today.minusMonths(1)).id();
		UUID section = given.aSection("Room 4 " + tag).at(school).id();
		given.enrolInSection(section, pupil, today.minusMonths(1), null);
		String parentEmail = "carmen." + tag + "@family.test";
		UUID carmen = given.aGuardian("Carmen", "Ruiz" + tag).ofStudent(pupil).withEducationalRights()
			.reachableByEmail(parentEmail).speaking("es").id();
		String teacherEmail = "mail.teacher." + tag + "@district.test";
		UUID teacher = given.staff("Tess", "Cher" + tag, teacherEmail);
		given.assign(teacher, school, "TEACHER");
		given.teach(section, teacher);

		String response = mvc.perform(post("/api/v1/conversations").with(user(teacherEmail).roles("TEACHER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"Marta leyó muy bien.\"}".formatted(pupil, carmen)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		// Queued after the post commits, once the message is in the family's language (here, already).
		await().atMost(Duration.ofSeconds(10)).until(() -> !queued(parentEmail).isEmpty());
		assertThat(queued(parentEmail)).containsExactly("Tess Cher" + tag + " le escribió sobre Marta");

		UUID thread = UUID.fromString(response.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
		jdbc.sql("update messaging.conversation set last_author_side = 'GUARDIAN' where id = ?").param(thread).update();
		digest.sendDue();
		digest.sendDue();
		assertThat(queued(teacherEmail)).containsExactly("Conversations waiting for your answer: 1");
		assertThat(jdbc.sql("select body from platform.outgoing_mail where recipient = ?").param(teacherEmail)
			.query(String.class).single()).doesNotContain("Marta").contains("/conversations?unanswered=true");
	}

	private List<String> queued(String recipient) {
		return jdbc.sql("select subject from platform.outgoing_mail where recipient = ? order by created_at").param(recipient)
			.query(String.class).list();
	}
}
