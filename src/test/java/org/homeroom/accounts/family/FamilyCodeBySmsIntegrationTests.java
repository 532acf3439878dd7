package org.homeroom.accounts.family;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
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

	private static final String SID = "AC" + "00112233445566778899aabbccddeeff";

	private static final String TOKEN = "loopback-sign-in-token";

	private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private static final WireMockServer twilio = twilio();

	@DynamicPropertySource
	static void smsAtTheLoopbackTwilio(DynamicPropertyRegistry registry) {
		registry.add("homeroom.sms.base-url", () -> "http://127.0.0.1:" + twilio.port());
		registry.add("homeroom.sms.account-sid", () -> SID);
		registry.add("homeroom.sms.auth-token", () -> TOKEN);
		registry.add("homeroom.sms.from", () -> "+15005550006");
		registry.add("homeroom.sms.messages-per-second", () -> 20);
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

	private static WireMockServer twilio() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
			.templatingEnabled(true));
		server.start();
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(MESSAGES)).withBasicAuth(SID, TOKEN)
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody("""
						{"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "status": "queued"}""")
				.withTransformers("response-template")));
		return server;
	}

	@Test
	void aFamilySignsInWithItsMobileNumberAndTheCodeArrivesByText() throws Exception {
		String phone = "+1617555" + String.format("%04d", (int) (Math.random() * 10_000));
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Harbor Middle " + UUID.randomUUID());
		UUID leo = given.aStudent("Leo").inGrade("07").enrolledAt(school, districtClock.today().minusMonths(1)).id();
		given.aGuardian("Omar", "Haddad").ofStudent(leo).withEducationalRights().reachableByPhone(phone).speaking("es");

		mvc.perform(post("/api/v1/auth/family/code").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + phone.substring(2) + "\"}")).andExpect(status().isAccepted());

		await().atMost(Duration.ofSeconds(10)).until(() -> !textsTo(phone).isEmpty());
		String body = URLDecoder.decode(textsTo(phone).get(0).getBodyAsString().replaceAll(".*Body=([^&]*).*", "$1"),
				StandardCharsets.UTF_8);
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

		await().atMost(Duration.ofSeconds(10)).until(() -> !textsTo(phone).isEmpty());
		assertThat(jdbc.sql("select purpose from messaging.sms_outbox where to_number = ?").param(phone).query(String.class).list())
			.containsExactly("VERIFY_CONTACT");
		assertThat(added).contains(phone.substring(2));
	}

	private static List<LoggedRequest> textsTo(String number) {
		return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing("To=" + number.replace("+", "%2B"))));
	}
}
