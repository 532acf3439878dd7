package org.homeroom.messaging.translated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.Prerequisites;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18, "done means" 7: through the real Apertium APy that {@code .ci/run} installs from Debian
 * and starts on loopback ({@code HOMEROOM_TEST_APERTIUM_URL}), "The school will close at noon
 * tomorrow." reaches a Spanish guardian in Spanish, labelled, and the school's name, a glossary
 * term never translated, comes through as written. In CI a missing APy fails this test.
 */
@IntegrationTest(properties = { "homeroom.messaging.quiet-hours-start=00:00", "homeroom.messaging.quiet-hours-end=00:00" })
class AnnouncementThroughApertiumIntegrationTests {

	static final String APERTIUM_URL = System.getenv("HOMEROOM_TEST_APERTIUM_URL");

	private static final RequestPostProcessor ADMIN = user("apertium.announcer@district.test").roles("DISTRICT_ADMIN");

	@DynamicPropertySource
	static void apertium(DynamicPropertyRegistry registry) {
		if (APERTIUM_URL != null && !APERTIUM_URL.isBlank()) {
			registry.add("homeroom.translation.providers.apertium.url", () -> APERTIUM_URL);
			registry.add("homeroom.translation.routes", () -> "es=apertium");
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	DistrictClock districtClock;

	@BeforeEach
	void apertiumIsThere() {
		Prerequisites.require(APERTIUM_URL != null && !APERTIUM_URL.isBlank(),
				"Apertium APy (HOMEROOM_TEST_APERTIUM_URL; .ci/run starts it)");
	}

	@Test
	void theSpanishGuardianReadsItInSpanishWithTheSchoolsNameIntact() throws Exception {
		jdbc.sql("""
				insert into translation.glossary_term (id, term, never_translated, updated_by, updated_at, version)
				values (?, 'Lincoln Elementary', true, 'apertium.announcer@district.test', now(), 0) on conflict do nothing""")
			.param(UUID.randomUUID()).update();
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Lincoln Elementary " + run);
		UUID child = given.aStudent("Lucia").inGrade("02").enrolledAt(school, districtClock.today().minusMonths(1)).id();
		UUID guardian = given.aGuardian("Elena").ofStudent(child).withEducationalRights()
			.reachableByEmail("elena." + run + "@family.example").speaking("es").id();

		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "Early closing %s",
					 "body": "The school will close at noon tomorrow. Buses leave Lincoln Elementary at noon.",
					 "category": "URGENT", "channels": ["IN_APP"]}""".formatted(school, run)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID id = UUID.fromString(json.readTree(created).get("id").asString());

		await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
				select count(*) from messaging.delivery where announcement_id = ? and guardian_id = ? and status = 'SENT'""")
			.params(id, guardian).query(Integer.class).single() == 1);
		String inbox = mvc.perform(get("/api/v1/me/inbox").with(family(guardian))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		JsonNode message = json.readTree(inbox).get("messages").get(0);

		assertThat(message.get("translation").asString()).isEqualTo("MACHINE");
		assertThat(message.get("body").asString()).as("rule-based, but Spanish, and the school's name as written")
			.contains("La escuela cerrará", "mañana", "Lincoln Elementary").doesNotContain("The school", "⟦", "*");
		assertThat(message.get("originalBody").asString())
			.isEqualTo("The school will close at noon tomorrow. Buses leave Lincoln Elementary at noon.");
		assertThat(jdbc.sql("select engine from messaging.announcement_translation where announcement_id = ? and language = 'es'")
			.param(id).query(String.class).single()).isEqualTo("apertium");
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
