package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.sms.LoopbackTwilio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With SMS configured, a family signing in with a mobile number gets its code by text, through
 * messaging's SMS outbox, at a loopback server that answers as Twilio's Messages API does.
 */
@IntegrationTest
class FamilyCodeBySmsIntegrationTests {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private static final LoopbackTwilio twilio = LoopbackTwilio.start("AC" + "00112233445566778899aabbccddeeff",
			"loopback-sign-in-token");

	@DynamicPropertySource
	static void smsAtTheLoopbackTwilio(DynamicPropertyRegistry registry) {
		twilio.configure(registry);
	}

	@AfterAll
	static void stopTwilio() {
		twilio.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	@Test
	void aFamilySignsInWithItsMobileNumberAndTheCodeArrivesByText() throws Exception {
		String phone = "+1617555" + String.format("%04d", (int) (Math.random() * 10_000));
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Harbor Middle " + UUID.randomUUID());
		UUID leo = given.aStudent("Leo").inGrade("07").enrolledAt(school, districtClock.today().minusMonths(1)).id();
		given.aGuardian("Omar", "Haddad").ofStudent(leo).withEducationalRights().reachableByPhone(phone).speaking("es");

		mvc.perform(post("/api/v1/auth/family/code").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + phone.substring(2) + "\"}")).andExpect(status().isAccepted());

		await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.textsTo(phone).isEmpty());
		String body = twilio.textsTo(phone).get(0).get("Body");
		Matcher code = CODE.matcher(body);
		assertThat(code.find()).as("a 6-digit code in: " + body).isTrue();
		assertThat(jdbc.sql("select purpose from messaging.sms_outbox where to_number = ?").param(phone).query(String.class).list())
			.containsExactly("SIGN_IN");

		String answer = mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + phone + "\", \"code\": \"" + code.group(1) + "\"}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String token = answer.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		mvc.perform(get("/api/v1/me/children").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value(leo.toString()));
	}

	@Test
	void aFamilyAddingAPhoneGetsItsContactCheckByText() throws Exception {
		String email = "rosa." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		String phone = "+1303555" + String.format("%04d", (int) (Math.random() * 10_000));
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Harbor High " + UUID.randomUUID());
		UUID mia = given.aStudent("Mia").inGrade("10").enrolledAt(school, districtClock.today().minusMonths(1)).id();
		UUID rosa = given.aGuardian("Rosa", "Ortiz").ofStudent(mia).withEducationalRights().reachableByEmail(email).id();
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, rosa).update();
		var family = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user("family:" + account).roles("FAMILY");

		String added = mvc.perform(post("/api/v1/me/contacts").with(family).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\": \"PHONE\", \"value\": \"" + phone + "\"}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.codeDelivery").value("SENT"))
			.andReturn().getResponse().getContentAsString();

		await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.textsTo(phone).isEmpty());
		assertThat(jdbc.sql("select purpose from messaging.sms_outbox where to_number = ?").param(phone).query(String.class).list())
			.containsExactly("VERIFY_CONTACT");
		assertThat(added).contains(phone.substring(2));
	}
}
