package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who may start, read and answer a conversation about a student: the directory's one policy, the
 * no-contact and no-records restrictions, separate households, and the district administrator's
 * logged oversight.
 */
@IntegrationTest
class ConversationPolicyIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Autowired
	ConversationReads reads;

	Districts given;

	LocalDate today;

	String tag;

	UUID school;

	UUID maria;

	UUID mother;

	UUID father;

	RequestPostProcessor teacher;

	RequestPostProcessor otherTeacher;

	RequestPostProcessor motherAccount;

	RequestPostProcessor fatherAccount;

	RequestPostProcessor otherFamily;

	@BeforeEach
	void aThirdGraderHerTwoParentsAndHerTeacher() {
		given = Districts.in(jdbc);
		today = clock.today();
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Jefferson Elementary " + tag);
		maria = given.aStudent("Maria", "Lopez" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID section = given.aSection("Room 12 " + tag).at(school).id();
		given.enrolInSection(section, maria, today.minusMonths(2), null);
		mother = given.aGuardian("Elena", "Lopez" + tag).ofStudent(maria).withEducationalRights()
			.reachableByEmail("elena." + tag + "@family.test").speaking("es").id();
		father = given.aGuardian("Jorge", "Diaz" + tag).ofStudent(maria).withEducationalRights()
			.reachableByEmail("jorge." + tag + "@family.test").id();
		String rivera = "rivera." + tag + "@district.test";
		UUID riveraId = given.staff("Ana", "Rivera" + tag, rivera);
		given.assign(riveraId, school, "TEACHER");
		given.teach(section, riveraId);
		teacher = user(rivera).roles("TEACHER");
		String other = "other." + tag + "@district.test";
		given.assign(given.staff("Otto", "Other" + tag, other), given.school("Elsewhere " + tag), "TEACHER");
		otherTeacher = user(other).roles("TEACHER");
		motherAccount = family(mother);
		fatherAccount = family(father);
		UUID otherChild = given.aStudent("Sam", "Else" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		otherFamily = family(given.aGuardian("Olga", "Else" + tag).ofStudent(otherChild).withEducationalRights().id());
	}

	@Test
	void herTeacherStartsAThreadAndHerMotherReadsItWithTheTeachersNameAndRole() throws Exception {
		UUID thread = start(mother, "Maria did very well today.");

		mvc.perform(get("/api/v1/me/conversations").with(motherAccount)).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(thread.toString()))
			.andExpect(jsonPath("$.items[0].unread").value(1));
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[0].authorName").value("Ana Rivera" + tag))
			.andExpect(jsonPath("$.messages[0].authorRole").value("3rd-grade teacher"))
			.andExpect(jsonPath("$.messages[0].deliveredAt").isNotEmpty());
		reply(motherAccount, thread, "Gracias, maestra.").andExpect(status().isCreated());

		mvc.perform(get("/api/v1/conversations").param("unanswered", "true").with(teacher)).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(thread.toString()))
			.andExpect(jsonPath("$.items[0].unanswered").value(true));
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(teacher)).andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[0].authorRole").value("3rd-grade teacher"))
			.andExpect(jsonPath("$.messages[0].readAt").isNotEmpty())
			.andExpect(jsonPath("$.messages[1].authorName").value("Elena Lopez" + tag))
			.andExpect(jsonPath("$.messages[1].mine").value(false));
	}

	@Test
	void aTeacherWhoDoesNotTeachHerGets404BothToStartAndToRead() throws Exception {
		UUID thread = start(mother, "Hello");
		mvc.perform(json(post("/api/v1/conversations").with(otherTeacher),
				"{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"Hi\"}".formatted(maria, mother)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(otherTeacher)).andExpect(status().isNotFound());
		reply(otherTeacher, thread, "Intrusion").andExpect(status().isNotFound());
		assertThat(messages(thread)).isEqualTo(1);
	}

	@Test
	void theGuardianOfAnotherFamilyGets404() throws Exception {
		UUID thread = start(mother, "Hello");
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(otherFamily)).andExpect(status().isNotFound());
		reply(otherFamily, thread, "Intrusion").andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/conversations").with(otherFamily)).andExpect(jsonPath("$.total").value(0));
		mvc.perform(json(post("/api/v1/me/conversations").with(otherFamily),
				"{\"studentId\": \"%s\", \"to\": \"OFFICE\", \"body\": \"Hi\"}".formatted(maria)))
			.andExpect(status().isNotFound());
	}

	@Test
	void aNoContactRestrictionBlocksTheGuardianInBothDirections() throws Exception {
		UUID thread = start(father, "Hello");
		given.restrict(father, maria, "NO_CONTACT", today, null);

		mvc.perform(get("/api/v1/conversations/{id}", thread).with(fatherAccount)).andExpect(status().isNotFound());
		reply(fatherAccount, thread, "Let me in").andExpect(status().isNotFound());
		reply(teacher, thread, "A second message").andExpect(status().isConflict());
		mvc.perform(json(post("/api/v1/conversations").with(teacher),
				"{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"Hi\"}".formatted(maria, father)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("guardianId"));
		mvc.perform(json(post("/api/v1/me/conversations").with(fatherAccount),
				"{\"studentId\": \"%s\", \"to\": \"OFFICE\", \"body\": \"Hi\"}".formatted(maria)))
			.andExpect(status().isNotFound());
		assertThat(messages(thread)).isEqualTo(1);
	}

	@Test
	void aNoRecordsRestrictionHidesTheThreadsThatExist() throws Exception {
		UUID thread = start(father, "Hello");
		given.restrict(father, maria, "NO_RECORDS", today, null);

		mvc.perform(get("/api/v1/conversations/{id}", thread).with(fatherAccount)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/conversations").with(fatherAccount)).andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void parentsInSeparateHouseholdsGetSeparateThreadsUnlessStaffShareOne() throws Exception {
		UUID toMother = start(mother, "For Elena");
		mvc.perform(get("/api/v1/conversations/{id}", toMother).with(fatherAccount)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/conversations").with(fatherAccount)).andExpect(jsonPath("$.total").value(0));

		UUID shared = created(mvc.perform(json(post("/api/v1/conversations").with(teacher),
				"{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"For both\", \"shared\": true}".formatted(maria,
						mother))));
		String seenByFather = mvc.perform(get("/api/v1/conversations/{id}", shared).with(fatherAccount))
			.andExpect(status().isOk()).andExpect(jsonPath("$.shared").value(true))
			.andReturn().getResponse().getContentAsString();
		assertThat(seenByFather).contains("Elena Lopez" + tag).doesNotContain("elena." + tag + "@family.test");
	}

	@Test
	void aDistrictAdministratorReadsAnyThreadAndEachReadIsLogged() throws Exception {
		UUID thread = start(mother, "Hello");
		String admin = "oversight." + tag + "@district.test";
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(user(admin).roles("DISTRICT_ADMIN")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.side").value("OVERSIGHT"))
			.andExpect(jsonPath("$.mayPost").value(false));
		reply(user(admin).roles("DISTRICT_ADMIN"), thread, "Not theirs").andExpect(status().isForbidden());
		awaitLogged(admin, "conversation.oversight");
		// An oversight read marks nothing read for the family.
		assertThat(jdbc.sql("select count(*) from messaging.conversation_message where conversation_id = ? and read_at is not null")
			.param(thread).query(Integer.class).single()).isZero();
	}

	@Test
	void everyReadAndListOfHerThreadsIsInTheAccessLog() throws Exception {
		UUID thread = start(mother, "Hello");
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/conversations").param("q", "maria").with(teacher)).andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1));
		awaitLogged("rivera." + tag + "@district.test", "conversation.list");
	}

	@Test
	void aMessageOfMoreThan5000CharactersIsRefusedNamingTheBody() throws Exception {
		UUID thread = start(mother, "Hello");
		reply(teacher, thread, "x".repeat(5001)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
		mvc.perform(json(post("/api/v1/conversations").with(teacher),
				"{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"%s\"}".formatted(maria, mother, "y".repeat(5001))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));
		reply(teacher, thread, "x".repeat(5000)).andExpect(status().isCreated());
	}

	@Test
	void aFamilyWritesToHerTeacherAndTheTeachersUnansweredCountGrows() throws Exception {
		UUID riveraId = jdbc.sql("select id from directory.staff where email = ?").param("rivera." + tag + "@district.test")
			.query(UUID.class).single();
		UUID thread = created(mvc.perform(json(post("/api/v1/me/conversations").with(motherAccount),
				"{\"studentId\": \"%s\", \"to\": \"TEACHER\", \"staffId\": \"%s\", \"body\": \"¿Hay tarea?\"}".formatted(maria,
						riveraId))));
		mvc.perform(get("/api/v1/conversations").param("unanswered", "true").with(teacher))
			.andExpect(jsonPath("$.items[0].id").value(thread.toString()));
		mvc.perform(json(post("/api/v1/me/conversations").with(motherAccount),
				"{\"studentId\": \"%s\", \"to\": \"TEACHER\", \"body\": \"Hi\"}".formatted(maria)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("staffId"));
	}

	@Test
	void aThreadToTheOfficeIsAnsweredByTheSchoolsLiaisonAndNotByTheTeacher() throws Exception {
		String liaison = "liaison." + tag + "@district.test";
		given.assign(given.staff("Lia", "Son" + tag, liaison), school, "FAMILY_LIAISON");
		UUID thread = created(mvc.perform(json(post("/api/v1/me/conversations").with(motherAccount),
				"{\"studentId\": \"%s\", \"to\": \"OFFICE\", \"body\": \"¿A qué hora abre la oficina?\"}".formatted(maria))));

		mvc.perform(get("/api/v1/conversations/{id}", thread).with(teacher)).andExpect(status().isNotFound());
		reply(user(liaison).roles("FAMILY_LIAISON"), thread, "At 7:30.").andExpect(status().isCreated());
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount))
			// Outside office hours an automatic answer may stand between the two: the staff message is the liaison's.
			.andExpect(jsonPath("$.messages[?(@.authorSide == 'STAFF')].authorRole")
				.value(org.hamcrest.Matchers.contains("Family liaison")))
			.andExpect(jsonPath("$.staffName").isEmpty());
	}

	@Test
	void staffCorrectTheirMessageInsteadOfDeletingItAndEitherSideMayReportOne() throws Exception {
		UUID thread = start(mother, "The trip is on Friday.");
		String first = jdbc.sql("select id::text from messaging.conversation_message where conversation_id = ?").param(thread)
			.query(String.class).single();
		mvc.perform(json(post("/api/v1/conversations/{id}/messages", thread).with(teacher),
				"{\"body\": \"Sorry: the trip is on Thursday.\", \"corrects\": \"%s\"}".formatted(first)))
			.andExpect(status().isCreated());
		assertThat(reads.posted(thread, UUID.fromString(first))).get()
			.extracting(PostedMessage::body, PostedMessage::studentId).containsExactly("The trip is on Friday.", maria);
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount))
			.andExpect(jsonPath("$.messages[0].body").value("The trip is on Friday."))
			.andExpect(jsonPath("$.messages[1].corrects").value(first));
		mvc.perform(json(post("/api/v1/conversations/{id}/messages", thread).with(motherAccount),
				"{\"body\": \"No\", \"corrects\": \"%s\"}".formatted(first)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("corrects"));

		mvc.perform(json(post("/api/v1/conversations/{id}/messages/{m}/report", thread, first).with(motherAccount),
				"{\"reason\": \"Rude\"}")).andExpect(status().isNoContent());
		String principal = "principal." + tag + "@district.test";
		given.assign(given.staff("Pat", "Principal" + tag, principal), school, "SCHOOL_ADMIN");
		mvc.perform(get("/api/v1/conversation-reports").with(user(principal).roles("SCHOOL_ADMIN")))
			.andExpect(jsonPath("$[0].body").value("The trip is on Friday."))
			.andExpect(jsonPath("$[0].reason").value("Rude"));
		mvc.perform(get("/api/v1/conversation-reports").with(teacher)).andExpect(status().isForbidden());
	}

	private UUID start(UUID guardian, String body) throws Exception {
		return created(mvc.perform(json(post("/api/v1/conversations").with(teacher),
				"{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"%s\"}".formatted(maria, guardian, body))));
	}

	private ResultActions reply(RequestPostProcessor who, UUID thread, String body) throws Exception {
		return mvc.perform(json(post("/api/v1/conversations/{id}/messages", thread).with(who),
				"{\"body\": \"%s\"}".formatted(body)));
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder json(
			org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static UUID created(ResultActions result) throws Exception {
		String response = result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(response.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
	}

	private int messages(UUID thread) {
		return jdbc.sql("select count(*) from messaging.conversation_message where conversation_id = ?").param(thread)
			.query(Integer.class).single();
	}

	private void awaitLogged(String actor, String what) throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(10));
		while (jdbc.sql("select count(*) from privacy.access_log where actor = ? and what = ? and student_id = ?")
			.params(actor, what, maria).query(Integer.class).single() == 0) {
			assertThat(Instant.now()).as("logged " + what + " for " + actor).isBefore(until);
			Thread.sleep(50);
		}
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
