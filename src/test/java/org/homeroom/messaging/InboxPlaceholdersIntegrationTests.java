package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * A family reads an in-app message with its own names in place of {guardianName}, {childName}
 * and {school}, as e-mail has them, on the page and over the API; a name is shown as text, never
 * as markup.
 */
@IntegrationTest
class InboxPlaceholdersIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("inbox.placeholders.admin@district.test").roles("DISTRICT_ADMIN");

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

	@Test
	void theInboxFillsInTheFamilysOwnNamesOnThePageAndInTheApi() throws Exception {
		Districts given = Districts.in(jdbc);
		String school = "Lincoln Middle " + UUID.randomUUID().toString().substring(0, 8);
		UUID lincoln = given.school(school);
		UUID maya = given.student("Maya", "07");
		given.enrol(maya, lincoln, districtClock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("<b>Rosa</b>").ofStudent(maya).withEducationalRights().id();
		given.theGuardian(rosa).reachableByEmail("rosa." + rosa + "@family.example");
		RequestPostProcessor family = familyOf(rosa);

		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Closed: {school}",
				 "body": "Dear {guardianName}, {school} is closed tomorrow. {childName} can stay at home.",
				 "category": "URGENT", "channels": ["IN_APP"]}""".formatted(maya)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID announcement = UUID.fromString(json.readTree(created).get("id").asString());
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(announcement).query(Integer.class).single() == 1);

		String filled = "Dear <b>Rosa</b> Testing, " + school + " is closed tomorrow. Maya can stay at home.";
		String inbox = mvc.perform(get("/api/v1/me/inbox").with(family)).andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[0].subject").value("Closed: " + school))
			.andExpect(jsonPath("$.messages[0].body").value(filled))
			.andReturn().getResponse().getContentAsString();
		String message = json.readTree(inbox).get("messages").get(0).get("id").asString();

		Document list = Jsoup.parse(mvc.perform(get("/messages").with(family)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(list.select(".message-list h2").text()).isEqualTo("Closed: " + school);
		Document page = Jsoup.parse(mvc.perform(get("/messages/{id}", message).with(family)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select(".announcement-body").text()).isEqualTo(filled);
		assertThat(page.select(".announcement-body b")).as("the name is text, not markup").isEmpty();
		assertThat(page.select("h1").text()).isEqualTo("Closed: " + school);
	}

	private RequestPostProcessor familyOf(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}
}
