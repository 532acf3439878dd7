package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.StatementCounter;
import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A family opening its inbox with its phone's token, again and again, as after a district
 * announcement: once the token is known, a call costs a handful of statements, and a revoked token
 * stops working at once even though it was used a moment before.
 */
@IntegrationTest
@Import(StatementCounter.Wrapping.class)
class FamilyReadPathIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	DistrictClock districtClock;

	UUID account;

	String username;

	String bearer;

	@BeforeEach
	void aFamilyWithAMessageAndAToken() {
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Lincoln Middle " + UUID.randomUUID());
		UUID maya = given.student("Maya", "07");
		given.enrol(maya, school, districtClock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa").reachableByEmail("rosa-" + UUID.randomUUID() + "@family.example")
			.ofStudent(maya).withEducationalRights().id();
		account = UUID.randomUUID();
		username = "family:" + account;
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Rosa', now())")
			.params(account, username).update();
		jdbc.sql("insert into accounts.role_grant (account_id, role) values (?, 'FAMILY')").params(account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, rosa).update();
		UUID announcement = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience, status,
				                                    scheduled_at, released_at, created_at)
				values (?, 'office@district.test', array['DISTRICT_ADMIN'], 'Book fair', 'Dear {guardianName}, {childName} may come.',
				        'EVENT', array['IN_APP'], cast('{}' as jsonb), 'RELEASED', now(), now(), now())""")
			.params(announcement).update();
		jdbc.sql("""
				insert into messaging.recipient (announcement_id, guardian_id, student_id, guardian_name, student_name, language)
				values (?, ?, ?, 'Rosa Testing', 'Maya Testing', 'en')""").params(announcement, rosa, maya).update();
		jdbc.sql("""
				insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, guardian_name, child_names,
				                                status, next_attempt_at, sent_at)
				values (gen_random_uuid(), ?, ?, 'IN_APP', 'en', 'Rosa Testing', 'Maya', 'SENT', now(), now())""")
			.params(announcement, rosa).update();
		bearer = "Bearer " + tokens.issue(username, "Phone", 30).secret();
	}

	@Test
	void onceItsTokenIsKnownAFamilysInboxTakesThreeStatements() throws Exception {
		openInbox();

		List<String> statements = StatementCounter.statements(this::openInbox);

		// The guardians the account acts for, the inbox with its unread count and the children for the
		// access log, and the access log's event: nothing about the token, nor a search for a staff record.
		assertThat(statements).hasSizeLessThanOrEqualTo(3)
			.noneMatch(sql -> sql.contains("api_token"))
			.noneMatch(sql -> sql.contains("directory.staff"));
	}

	@Test
	void aTokenRevokedAMomentAfterItsLastUseStopsAtOnce() throws Exception {
		openInbox();

		assertThat(tokens.revokeAll(account, username, "lost phone")).isEqualTo(1);

		mvc.perform(get("/api/v1/me/inbox").header(HttpHeaders.AUTHORIZATION, bearer)).andExpect(status().isUnauthorized());
	}

	private void openInbox() {
		try {
			mvc.perform(get("/api/v1/me/inbox").header(HttpHeaders.AUTHORIZATION, bearer))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.unread").value(1))
				.andExpect(jsonPath("$.messages[0].subject").value("Book fair"))
				.andExpect(jsonPath("$.messages[0].body").value("Dear Rosa Testing, Maya may come."));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
