package org.homeroom.messaging.textreplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.directory.Districts;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.Conversations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The school office's queue: a liaison sees a text from a parent of their school with the parent's
 * name and children, files it into the parent's office thread, and dismisses a text from a number
 * nobody has (after a confirmation page), which they see with its last 4 digits only. Another
 * school's office sees neither.
 */
class OfficeQueueIntegrationTests extends TextsAtLoopbackTwilio {

	@Autowired
	Conversations conversations;

	@Test
	void aLiaisonFilesATextIntoTheParentsThreadAndDismissesOneFromANumberNobodyHas() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Queue Elementary " + tag);
		UUID otherSchool = given.school("Other Elementary " + tag);
		UUID ana = given.aStudent("Ana", "Kid" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID omar = given.aStudent("Omar", "Kid" + tag).inGrade("05").enrolledAt(school, today.minusMonths(2)).id();
		String phone = aPhone();
		UUID rosa = given.aGuardian("Rosa", "Kid" + tag).ofStudent(ana).withEducationalRights()
			.reachableByEmail("rosa." + tag + "@family.test").reachableByPhone(phone).id();
		given.theGuardian(rosa).ofStudent(omar).withEducationalRights();
		String liaisonEmail = "liaison." + tag + "@district.test";
		UUID liaison = given.staff("Lia", "Son" + tag, liaisonEmail);
		given.assign(liaison, school, "FAMILY_LIAISON");
		String elsewhereEmail = "elsewhere." + tag + "@district.test";
		given.assign(given.staff("Else", "Where" + tag, elsewhereEmail), otherSchool, "SCHOOL_ADMIN");
		RequestPostProcessor asLiaison = user(liaisonEmail).roles("FAMILY_LIAISON");
		UUID officeThread = conversations.start(Viewer.staff(liaison).named(liaisonEmail), omar, rosa,
				"Omar's bus changes on Monday.", false);
		conversations.start(Viewer.staff(liaison).named(liaisonEmail), ana, rosa, "Ana's photo day is Friday.", false);
		String stranger = aPhone();

		text(phone, "Which bus number?");
		text(stranger, "Is school open tomorrow?");
		UUID fromRosa = textId(phone, "Which bus number?");
		UUID fromStranger = textId(stranger, "Is school open tomorrow?");

		String page = mvc.perform(get("/conversations/office-queue").with(asLiaison)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Which bus number?", "Rosa Kid" + tag, "Ana Kid" + tag, "Omar Kid" + tag, phone)
			.contains("Is school open tomorrow?", "•••• " + stranger.substring(stranger.length() - 4))
			.doesNotContain(stranger);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				select count(distinct student_id) from privacy.access_log where actor = ? and what = 'sms.office-queue'""")
			.param(liaisonEmail).query(Integer.class).single() == 2);

		String elsewhere = mvc.perform(get("/conversations/office-queue").with(user(elsewhereEmail).roles("SCHOOL_ADMIN")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(elsewhere).doesNotContain("Which bus number?", "Rosa Kid" + tag, phone);
		mvc.perform(post("/conversations/office-queue/{id}/file", fromRosa).with(user(elsewhereEmail).roles("SCHOOL_ADMIN"))
			.with(csrf()).param("conversationId", officeThread.toString())).andExpect(status().isNotFound());
		mvc.perform(get("/conversations/office-queue").with(user("teacher." + tag + "@district.test").roles("TEACHER")))
			.andExpect(status().isForbidden());

		mvc.perform(post("/conversations/office-queue/{id}/file", fromRosa).with(asLiaison).with(csrf())
			.param("conversationId", officeThread.toString())).andExpect(status().is3xxRedirection());
		assertThat(messagesIn(officeThread)).containsExactly("Omar's bus changes on Monday.", "Which bus number?");
		assertThat(statusOfText(phone, "Which bus number?")).isEqualTo("ROUTED");

		assertThat(mvc.perform(get("/conversations/office-queue/{id}/dismiss", fromStranger).with(asLiaison))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("Dismiss this text?").doesNotContain(stranger);
		assertThat(statusOfText(stranger, "Is school open tomorrow?")).isEqualTo("WAITING");
		mvc.perform(post("/conversations/office-queue/{id}/dismiss", fromStranger).with(asLiaison).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(statusOfText(stranger, "Is school open tomorrow?")).isEqualTo("DISMISSED");
		mvc.perform(post("/conversations/office-queue/{id}/dismiss", fromStranger).with(asLiaison).with(csrf()))
			.andExpect(status().isNotFound());
	}

	private UUID textId(String from, String body) {
		return jdbc.sql("select id from messaging.sms_inbound where from_number = ? and body = ?").params(from, body)
			.query(UUID.class).single();
	}
}
