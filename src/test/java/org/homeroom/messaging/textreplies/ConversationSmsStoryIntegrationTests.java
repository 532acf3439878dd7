package org.homeroom.messaging.textreplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.sms.LoopbackTwilio;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The story of issue #17 over SMS, against a loopback server that answers as Twilio does and a
 * loopback mail server: a teacher writes in English to a Vietnamese-speaking parent who reads
 * texts; the text reaches the parent's phone; the parent's reply by text lands in the teacher's
 * thread and wakes the open page; the teacher answers; after STOP the next message goes by e-mail
 * and in the app only, and the student's page says "opted out of SMS"; webhooks without the right
 * signature change nothing; and another family cannot open the thread.
 */
class ConversationSmsStoryIntegrationTests extends TextsAtLoopbackTwilio {

	@Autowired
	DataSource dataSource;

	@Test
	void aTeacherAndAVietnameseSpeakingParentTalkByTextUntilTheParentSendsStop() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Story Elementary " + tag);
		UUID minh = given.aStudent("Minh", "Nguyen" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID section = given.aSection("Room 12 " + tag).at(school).id();
		given.enrolInSection(section, minh, today.minusMonths(2), null);
		String phone = aPhone();
		String parentEmail = "lan." + tag + "@family.test";
		UUID lan = given.aGuardian("Lan", "Nguyen" + tag).ofStudent(minh).withEducationalRights()
			.reachableByEmail(parentEmail).reachableByPhone(phone).speaking("vi").preferring(List.of("SMS", "IN_APP"), null)
			.id();
		String teacherEmail = "rivera." + tag + "@district.test";
		UUID teacher = given.staff("Tess", "Rivera" + tag, teacherEmail);
		given.assign(teacher, school, "TEACHER");
		given.teach(section, teacher);
		RequestPostProcessor asTeacher = user(teacherEmail).roles("TEACHER");

		// 1. The teacher writes from the student's page, in English.
		String location = mvc.perform(post("/students/{id}/message", minh).with(asTeacher).with(csrf())
			.param("guardianId", lan.toString()).param("body", "Minh read his first chapter book today!"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		UUID thread = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		// 2. The text reaches the parent's phone, sent with the account's credentials.
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		assertThat(twilio.requestsTo(phone).get(0).getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
		Map<String, String> first = twilio.textsTo(phone).get(0);
		assertThat(first).containsEntry("To", phone).containsEntry("From", LoopbackTwilio.FROM);
		assertThat(first.get("Body")).startsWith("Tess Rivera" + tag)
			.contains(": Minh read his first chapter book today!")
			.endsWith("Trả lời tin nhắn này để phản hồi.");

		// 3. The parent replies by text; it lands in the teacher's thread, and open pages hear of it.
		List<String> heard;
		try (Connection listening = dataSource.getConnection()) {
			listening.createStatement().execute("listen homeroom_conversation");
			assertThat(text(phone, "Cảm ơn cô! Minh is so proud.").getStatus()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(thread).contains("Cảm ơn cô! Minh is so proud."));
			heard = notifications(listening);
		}
		assertThat(heard).contains(thread.toString());
		assertThat(authorOf(thread, "Cảm ơn cô! Minh is so proud.")).isEqualTo("GUARDIAN");
		assertThat(mvc.perform(get("/conversations/{id}", thread).with(asTeacher)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Cảm ơn cô! Minh is so proud.");

		// 4. The teacher answers on the page, and that goes to the phone as well.
		mvc.perform(post("/conversations/{id}", thread).with(asTeacher).with(csrf()).param("body", "See you at pickup."))
			.andExpect(status().is3xxRedirection());
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 2);
		assertThat(twilio.textsTo(phone).get(1).get("Body")).contains(": See you at pickup.");

		// 5. STOP: the next message goes in the app and by e-mail, and no text leaves.
		assertThat(text(phone, "STOP").getStatus()).isEqualTo(200);
		mvc.perform(post("/conversations/{id}", thread).with(asTeacher).with(csrf()).param("body", "Book fair is Friday."))
			.andExpect(status().is3xxRedirection());
		await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(parentEmail).stream()
			.anyMatch(mail -> mail.contains("Book fair is Friday.")));
		assertThat(messagesIn(thread)).contains("Book fair is Friday.");
		Thread.sleep(1500);
		assertThat(twilio.requestsTo(phone)).as("texts after STOP").hasSize(2);
		assertThat(mvc.perform(get("/students/{id}", minh).with(asTeacher)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("opted out of SMS");

		// 6. Webhooks without the right signature are refused and change nothing.
		int messages = messagesIn(thread).size();
		Map<String, String> start = inbound(phone, "START");
		assertThat(webhook(start, null).getStatus()).isEqualTo(403);
		assertThat(webhook(start, LoopbackTwilio.signedWith("wrong-token",
				WEBHOOK, start)).getStatus()).isEqualTo(403);
		Map<String, String> reply = inbound(phone, "Is it in the gym?");
		assertThat(webhook(reply, twilio.signature(WEBHOOK, start)).getStatus())
			.isEqualTo(403);
		Thread.sleep(500);
		assertThat(messagesIn(thread)).hasSize(messages);
		assertThat(jdbc.sql("select count(*) from messaging.sms_opt_out where phone = ?").param(phone)
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from messaging.sms_inbound where from_number = ?").param(phone)
			.query(Integer.class).single()).isEqualTo(2);

		// 8. Another family gets 404 for the thread.
		UUID otherChild = given.aStudent("Ana", "Other" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		RequestPostProcessor otherFamily = family(
				given.aGuardian("Olga", "Other" + tag).ofStudent(otherChild).withEducationalRights().id());
		mvc.perform(get("/family/conversations/{id}", thread).with(otherFamily)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(otherFamily)).andExpect(status().isNotFound());
	}

	private String authorOf(UUID thread, String body) {
		return jdbc.sql("select author_side from messaging.conversation_message where conversation_id = ? and body = ?")
			.params(thread, body).query(String.class).single();
	}

	private List<String> mailsTo(String address) {
		List<String> bodies = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessagesForDomain(address)) {
			bodies.add(GreenMailUtil.getBody(message));
		}
		return bodies;
	}

	private static List<String> notifications(Connection listening) throws Exception {
		List<String> heard = new ArrayList<>();
		PGNotification[] notes = listening.unwrap(PGConnection.class).getNotifications(2000);
		if (notes != null) {
			for (PGNotification note : notes) {
				heard.add(note.getParameter());
			}
		}
		return heard;
	}

}
