package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.translation.ReplyLanguages;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A guardian on record as preferring English who writes in Vietnamese: after three such replies the
 * teacher reading the thread is asked whether to update the guardian's language; after two, not
 * yet. A guardian who prefers Haitian Creole, which the detector cannot recognise, is never
 * suggested, whatever they write.
 */
@IntegrationTest
class ReplyLanguageSuggestionIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Autowired
	Conversations conversations;

	@Autowired
	ReplyLanguages replyLanguages;

	String tag;

	UUID school;

	UUID rivera;

	RequestPostProcessor teacher;

	@BeforeEach
	void aTeacherAtASchoolWithVietnameseAndHaitianFamilies() {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Lincoln " + tag);
		UUID neighbour = given.aStudent("Bao", "Tran" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		given.aGuardian("Lan", "Tran" + tag).ofStudent(neighbour).withEducationalRights().speaking("vi");
		String email = "rivera." + tag + "@district.test";
		rivera = given.staff("Ana", "Rivera" + tag, email);
		given.assign(rivera, school, "TEACHER");
		teacher = user(email).roles("TEACHER");
		// As after the five minutes in which the district's languages are not read again.
		ReflectionTestUtils.setField(replyLanguages, "built", null);
	}

	@Test
	void threeVietnameseRepliesFromAnEnglishPreferringGuardianBringTheSuggestionTwoDoNot() throws Exception {
		Family lopez = aFamily("Elena", "Lopez", "en");
		UUID thread = startThread(lopez);

		mvc.perform(post("/family/conversations/{id}", thread).param("body", "Chào cô, cháu bị ốm nên hôm nay không đi học được.")
			.with(lopez.account()).with(csrf())).andExpect(status().is3xxRedirection());
		// A short answer tells nothing, and does not break the run of replies.
		mvc.perform(post("/family/conversations/{id}", thread).param("body", "ok").with(lopez.account()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/api/v1/conversations/{id}/messages", thread).with(lopez.account())
			.contentType(MediaType.APPLICATION_JSON).content("{\"body\": \"Tôi có thể gặp cô vào chiều thứ Năm không?\"}"))
			.andExpect(status().is2xxSuccessful());
		awaitTold(thread, 2);
		assertThat(suggestionsOn(thread)).isEmpty();

		// The third comes by SMS, routed to the thread.
		conversations.postFromGuardian(lopez.id(), thread, "Cảm ơn cô đã báo cho tôi biết, con sẽ mang giấy vào ngày mai.");
		awaitTold(thread, 3);
		assertThat(jdbc.sql("select count(*) from messaging.conversation_message where conversation_id = ? and reply_language = 'vi'")
			.param(thread).query(Long.class).single()).isEqualTo(3);

		Document page = threadPage(thread);
		assertThat(suggestionsOn(thread)).containsExactly("The last three replies from Elena Lopez" + tag
				+ " were in Vietnamese; their preferred language is English. Update it?");
		assertThat(page.select(".alert a").attr("href")).isEqualTo("/guardians/" + lopez.id());
		assertThat(jdbc.sql("select preferred_language from directory.guardian where id = ?").param(lopez.id())
			.query(String.class).single()).as("a suggestion only: nothing changes by itself").isEqualTo("en");

		mvc.perform(get("/guardians/{id}", lopez.id()).with(teacher)).andExpect(status().isOk());
	}

	@Test
	void theSuggestionIsInTheReadersLanguage() throws Exception {
		Family nguyen = aFamily("Minh", "Nguyen", "en");
		UUID thread = startThread(nguyen);
		for (String reply : List.of("Chào cô, cháu bị ốm nên hôm nay không đi học được.",
				"Tôi có thể gặp cô vào chiều thứ Năm không?", "Cảm ơn cô đã báo cho tôi biết.")) {
			conversations.postFromGuardian(nguyen.id(), thread, reply);
		}
		awaitTold(thread, 3);
		Document page = Jsoup.parse(mvc.perform(get("/conversations/{id}", thread).with(teacher).header("Accept-Language", "es"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select(".alert p").text()).isEqualTo("Las tres últimas respuestas de Minh Nguyen" + tag
				+ " fueron en vietnamita; su idioma preferido es inglés. ¿Actualizarlo?");
	}

	@Test
	void aGuardianPreferringHaitianCreoleIsNeverSuggestedWhateverTheyWrite() throws Exception {
		Family joseph = aFamily("Marie", "Joseph", "ht");
		UUID thread = startThread(joseph);
		for (String reply : List.of("Bonjou mèt la, pitit mwen an malad jodi a, li pap ka vini lekòl. Mwen va voye yon nòt demen.",
				"Mèsi pou mesaj la. Mwen te resevwa l e m ap pale ak pitit mwen aswè a.",
				"Eske nou ka fè reyinyon an lendi apre midi? Mwen travay nan maten.",
				// Nor do replies in English: the detector cannot tell them from Kreyòl it would take for English.
				"Thank you, my son will be late tomorrow morning.", "Can we meet on Thursday afternoon instead?",
				"She was sick today, sorry for the late note.")) {
			conversations.postFromGuardian(joseph.id(), thread, reply);
		}
		awaitTold(thread, 0);
		assertThat(jdbc.sql("""
				select reply_language from messaging.conversation_message
				where conversation_id = ? and author_side = 'GUARDIAN' order by created_at, id""")
			.param(thread).query(String.class).list()).hasSize(6).containsOnlyNulls();
		assertThat(suggestionsOn(thread)).isEmpty();
	}

	private record Family(UUID id, UUID student, RequestPostProcessor account) {
	}

	private Family aFamily(String givenName, String familyName, String language) {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		UUID child = given.aStudent("Kid", familyName + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID section = given.aSection("Room " + familyName + tag).at(school).id();
		given.enrolInSection(section, child, today.minusMonths(2), null);
		given.teach(section, rivera);
		UUID guardian = given.aGuardian(givenName, familyName + tag).ofStudent(child).withEducationalRights()
			.speaking(language).id();
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return new Family(guardian, child, user("family:" + account).roles("FAMILY"));
	}

	private UUID startThread(Family family) throws Exception {
		String response = mvc.perform(post("/api/v1/conversations").with(teacher).contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"The trip is on Friday.\"}"
				.formatted(family.student(), family.id())))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(response.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
	}

	/** Waits until the thread's replies have been looked at after commit, {@code told} of them with a language found. */
	private void awaitTold(UUID thread, int told) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(jdbc.sql("select count(*) from messaging.conversation_message where conversation_id = ? and reply_language is not null")
				.param(thread).query(Long.class).single()).isEqualTo(told);
			assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
				.param("%" + thread + "%").query(Long.class).single()).as("replies still waiting to be looked at").isZero();
		});
	}

	private Document threadPage(UUID thread) throws Exception {
		return Jsoup.parse(mvc.perform(get("/conversations/{id}", thread).with(teacher)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
	}

	private List<String> suggestionsOn(UUID thread) throws Exception {
		return threadPage(thread).select(".alert--warning p").eachText();
	}
}
