package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Without SMS configured (and outside demo mode), SMS is no choice: the announcement form does not
 * offer it, the API refuses it naming the field, and families are not offered it among their
 * preferences, nor does saving their preferences decline SMS behind their backs.
 */
@IntegrationTest
class SmsChannelOfferedIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("no.sms.admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theAnnouncementFormAndApiDoNotOfferSms() throws Exception {
		String form = mvc.perform(get("/announcements/new").with(ADMIN)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(form).contains("value=\"EMAIL\"").doesNotContain("value=\"SMS\"");
		Districts given = Districts.in(jdbc);
		UUID school = given.school("No SMS Elementary " + UUID.randomUUID());
		mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"audience": {"schoolIds": ["%s"]}, "subject": "Hi", "body": "Hello.", "category": "GENERAL", "channels": ["SMS"]}"""
			.formatted(school)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("channels"));
	}

	@Test
	void familiesAreNotOfferedSmsAmongTheirPreferences() throws Exception {
		UUID guardian = Districts.in(jdbc).aGuardian("Rosa").id();
		RequestPostProcessor family = familyOf(guardian);
		String page = mvc.perform(get("/messages/preferences").with(family)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("GENERAL.EMAIL").doesNotContain("GENERAL.SMS");

		mvc.perform(post("/messages/preferences").with(family).with(csrf()).param("wanted", "GENERAL.EMAIL"));
		assertThat(jdbc.sql("select category || '.' || channel from messaging.opt_out where guardian_id = ? order by 1")
			.param(guardian).query(String.class).list())
			.containsExactly("EVENT.EMAIL", "EVENT.IN_APP", "GENERAL.IN_APP");
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
