package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announcements by SMS against a loopback server that answers as Twilio's Messages API does: one
 * text per guardian to their mobile, the status callback moving the delivery, opted-out numbers
 * skipped as the text goes, and fallback to the family's next channel, both when they have none of
 * the chosen ones and when a text fails for good.
 */
@IntegrationTest(properties = { "homeroom.messaging.quiet-hours-start=00:00", "homeroom.messaging.quiet-hours-end=00:00" })
class SmsAnnouncementIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("sms.announcer@district.test").roles("DISTRICT_ADMIN");

	private static final String PUBLIC_URL = LoopbackTwilio.PUBLIC_URL;

	private static final LoopbackTwilio twilio = LoopbackTwilio.start("AC" + "fedcba9876543210".repeat(2),
			"loopback-announcement-token").refusing("+15550130400", 400, 21211).refusing("+15550130429", 429, 20429)
		.refusing("+15550121610", 400, 21610);

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
	JsonMapper json;

	@Autowired
	SmsOptOuts optOuts;

	@Autowired
	DistrictClock districtClock;

	Districts given;

	UUID school;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		school = given.school("Harbor Elementary " + UUID.randomUUID());
	}

	@Test
	void anAnnouncementBySmsReachesEachGuardiansMobileAndTheStatusCallbackMovesItsDelivery() throws Exception {
		UUID maya = pupil("Maya");
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130001").id();
		UUID noPhone = given.aGuardian("Omar").ofStudent(maya).withEducationalRights().reachableByEmail("omar@family.example").id();

		mvc.perform(post("/api/v1/announcements/preview").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "category": "URGENT", "channels": ["SMS"]}""".formatted(maya)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.excluded.NO_PHONE").value(1));
		UUID id = announce(maya, "SMS", "Snow day", "School is closed for {childName} today.");

		UUID delivery = awaitDelivery(id, rosa, "SMS", "SENT");
		Map<String, String> text = (twilio.textsTo("+15550130001").get(0));
		assertThat(text.get("Body")).isEqualTo("Snow day\nSchool is closed for Maya today.");
		assertThat(text.get("StatusCallback")).isEqualTo(PUBLIC_URL + "/webhooks/sms/twilio/status");
		String sid = jdbc.sql("select provider_sid from messaging.delivery where id = ?").param(delivery).query(String.class).single();
		assertThat(sid).startsWith("SM");
		// The guardian without a mobile gets no text: they fall back to e-mail at release instead.
		assertThat(channelsOf(id, noPhone)).containsExactly("EMAIL");

		assertThat(signed(Map.of("MessageSid", sid, "MessageStatus", "delivered")).getStatus()).isEqualTo(204);
		assertThat(statusOf(delivery)).isEqualTo("DELIVERED");
		assertThat(signed(Map.of("MessageSid", sid, "MessageStatus", "sent")).getStatus()).isEqualTo(204);
		assertThat(statusOf(delivery)).as("a late 'sent' never takes it back").isEqualTo("DELIVERED");
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.byChannel.SMS.DELIVERED").value(1))
			.andExpect(jsonPath("$.fellBack").value(1));
	}

	@Test
	void anAnnouncementTooLongForThreeSegmentsGoesAsItsBeginningAndALink() throws Exception {
		UUID maya = pupil("Maya");
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130002").id();
		UUID id = announce(maya, "SMS", "Spring concert", "The spring concert moves to the gym. ".repeat(20).strip());
		awaitDelivery(id, rosa, "SMS", "SENT");
		String body = (twilio.textsTo("+15550130002").get(0)).get("Body");
		assertThat(SmsSegments.sentWhole(body)).isTrue();
		assertThat(body).startsWith("Spring concert").contains(PUBLIC_URL + "/t/");
	}

	@Test
	void aNumberThatOptedOutIsSkippedAsTheTextGoes() throws Exception {
		UUID maya = pupil("Maya");
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130003").id();
		optOuts.optOut("+15550130003", "STOP");
		UUID id = announce(maya, "SMS", "Menu", "Soup.");
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select skipped_reason from messaging.delivery where announcement_id = ? and guardian_id = ? and channel = 'SMS'""")
			.params(id, rosa).query(String.class).optional().filter("OPTED_OUT_SMS"::equals).isPresent());
		assertThat(twilio.textsTo("+15550130003")).isEmpty();
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.skipped.OPTED_OUT_SMS").value(1));
	}

	@Test
	void aGuardianWithNoneOfTheChosenChannelsFallsBackToTheirPreferredOneAtRelease() throws Exception {
		UUID maya = pupil("Maya");
		UUID prefersSms = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130004")
			.preferring(List.of("SMS"), null).id();
		UUID prefersInApp = given.aGuardian("Luis").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130005")
			.preferring(List.of("IN_APP", "SMS"), null).id();
		UUID noPreference = given.aGuardian("Ana").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130007").id();

		UUID id = announce(maya, "EMAIL", "Picture day", "Bring a smile.");

		UUID fallback = awaitDelivery(id, prefersSms, "SMS", "SENT");
		assertThat((twilio.textsTo("+15550130004").get(0)).get("Body")).isEqualTo("Picture day\nBring a smile.");
		assertThat(jdbc.sql("select fallback from messaging.delivery where id = ?").param(fallback).query(Boolean.class).single()).isTrue();
		awaitDelivery(id, prefersInApp, "IN_APP", "SENT");
		assertThat(channelsOf(id, prefersInApp)).as("their first preference, once").containsExactly("IN_APP");
		assertThat(twilio.textsTo("+15550130005")).isEmpty();
		awaitDelivery(id, noPreference, "SMS", "SENT");
		assertThat(channelsOf(id, noPreference)).as("without a preference: e-mail, then SMS; never the inbox alone")
			.containsExactly("SMS");
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN)).andExpect(jsonPath("$.fellBack").value(3));
	}

	@Test
	void aTextThatFailsForGoodOrIsUndeliveredFallsBackToTheNextChannelAtThatMoment() throws Exception {
		UUID maya = pupil("Maya");
		UUID refused = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130400")
			.reachableByEmail("rosa.fallback@family.example").id();
		UUID undelivered = given.aGuardian("Luis").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130006")
			.preferring(List.of("SMS", "IN_APP"), null).id();
		UUID nothingElse = given.aGuardian("Ana").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130008").id();

		UUID id = announce(maya, "SMS", "Bus 12", "Bus 12 is late.");

		UUID failed = awaitDelivery(id, refused, "SMS", "FAILED");
		// No mail server in this test: the e-mail waits in the queue, made the moment the text failed.
		UUID email = awaitDelivery(id, refused, "EMAIL", "QUEUED");
		assertThat(jdbc.sql("select fallback_from from messaging.delivery where id = ?").param(email).query(UUID.class).single())
			.isEqualTo(failed);
		assertThat(jdbc.sql("select address from messaging.delivery where id = ?").param(email).query(String.class).single())
			.isEqualTo("rosa.fallback@family.example");

		UUID text = awaitDelivery(id, undelivered, "SMS", "SENT");
		assertThat(channelsOf(id, undelivered)).as("no fallback while the text may still arrive").containsExactly("SMS");
		String sid = jdbc.sql("select provider_sid from messaging.delivery where id = ?").param(text).query(String.class).single();
		Map<String, String> callback = Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003");
		assertThat(signed(callback).getStatus()).isEqualTo(204);
		assertThat(statusOf(text)).isEqualTo("UNDELIVERED");
		assertThat(channelsOf(id, undelivered)).containsExactlyInAnyOrder("SMS", "IN_APP");
		signed(callback);
		assertThat(channelsOf(id, undelivered)).as("a repeated callback falls back once").containsExactlyInAnyOrder("SMS", "IN_APP");
		awaitDelivery(id, undelivered, "IN_APP", "SENT");

		UUID last = awaitDelivery(id, nothingElse, "SMS", "SENT");
		String lastSid = jdbc.sql("select provider_sid from messaging.delivery where id = ?").param(last).query(String.class).single();
		signed(Map.of("MessageSid", lastSid, "MessageStatus", "failed", "ErrorCode", "30008"));
		assertThat(statusOf(last)).isEqualTo("FAILED");
		assertThat(channelsOf(id, nothingElse)).as("no channel left to fall back to").containsExactly("SMS");

		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.fellBack").value(2))
			.andExpect(jsonPath("$.byChannel.SMS.FAILED").value(2))
			.andExpect(jsonPath("$.byChannel.SMS.UNDELIVERED").value(1))
			.andExpect(jsonPath("$.unreached.length()").value(1))
			.andExpect(jsonPath("$.unreached[0].guardianId").value(nothingElse.toString()))
			.andExpect(jsonPath("$.unreached[0].reason").value("ALL_CHANNELS_FAILED"));
	}

	@Test
	void aGuardianWhoTextsStopAfterTheTextWasQueuedGetsItInTheAppInsteadAndTheReportCountsTheFallback() throws Exception {
		UUID maya = pupil("Maya");
		String phone = "+15550130429";
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByPhone(phone)
			.preferring(List.of("SMS", "IN_APP"), null).id();
		UUID id = announce(maya, "SMS", "Early dismissal", "School ends at noon for {childName}.");
		// Twilio is busy (429): the text waits in the queue for its retry.
		UUID text = awaitDelivery(id, rosa, "SMS", "QUEUED");
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select attempts from messaging.delivery where id = ?")
			.param(text).query(Integer.class).single() == 1 && "QUEUED".equals(statusOf(text)));

		Map<String, String> stop = Map.of("MessageSid", "SM" + "4".repeat(32), "AccountSid", twilio.accountSid(), "From",
				phone, "To", LoopbackTwilio.FROM, "Body", "STOP");
		assertThat(signed("/webhooks/sms/twilio", stop).getStatus()).isEqualTo(200);
		assertThat(channelsOf(id, rosa)).as("nothing falls back before the text is about to go").containsExactly("SMS");
		// The retry falls due (30 seconds on), and the text is checked once more as it is about to go.
		jdbc.sql("update messaging.delivery set next_attempt_at = now() where id = ?").param(text).update();

		await().atMost(Duration.ofSeconds(20)).until(() -> "SKIPPED".equals(statusOf(text)));
		UUID inApp = awaitDelivery(id, rosa, "IN_APP", "SENT");
		assertThat(jdbc.sql("select fallback_from from messaging.delivery where id = ?").param(inApp).query(UUID.class).single())
			.isEqualTo(text);
		assertThat(twilio.textsTo(phone)).as("one try, refused as busy; nothing after STOP").hasSize(1);
		mvc.perform(get("/api/v1/me/inbox").with(family(rosa))).andExpect(status().isOk())
			.andExpect(jsonPath("$.messages[0].subject").value("Early dismissal"))
			.andExpect(jsonPath("$.messages[0].body").value("School ends at noon for Maya."));
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.fellBack").value(1))
			.andExpect(jsonPath("$.skipped.OPTED_OUT_SMS").value(1))
			.andExpect(jsonPath("$.byChannel.IN_APP.SENT").value(1))
			.andExpect(jsonPath("$.unreached.length()").value(0));
	}

	@Test
	void aNumberTwilioSaysUnsubscribedFallsBackToEmailAtThatMomentOnce() throws Exception {
		UUID maya = pupil("Maya");
		UUID luis = given.aGuardian("Luis").ofStudent(maya).withEducationalRights().reachableByPhone("+15550121610")
			.reachableByEmail("luis.unsubscribed@family.example").id();
		UUID id = announce(maya, "SMS", "Bus 7", "Bus 7 is late.");

		UUID text = awaitDelivery(id, luis, "SMS", "SKIPPED");
		assertThat(optOuts.optedOut("+15550121610")).isTrue();
		// No mail server in this test: the e-mail waits in the queue, made the moment the text was skipped.
		UUID email = awaitDelivery(id, luis, "EMAIL", "QUEUED");
		assertThat(jdbc.sql("select fallback_from from messaging.delivery where id = ?").param(email).query(UUID.class).single())
			.isEqualTo(text);
		assertThat(channelsOf(id, luis)).containsExactly("EMAIL", "SMS");
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.fellBack").value(1))
			.andExpect(jsonPath("$.skipped.OPTED_OUT_SMS").value(1));
	}

	@Test
	void aSkippedTextDoesNotFallBackWhileAnotherChosenChannelReachesTheGuardian() throws Exception {
		UUID maya = pupil("Maya");
		UUID ana = given.aGuardian("Ana").ofStudent(maya).withEducationalRights().reachableByPhone("+15550130009")
			.reachableByEmail("ana.inapp@family.example").id();
		optOuts.optOut("+15550130009", "STOP");
		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "subject": "Lunch", "body": "Pizza.", "category": "URGENT",
					 "channels": ["IN_APP", "SMS"]}""".formatted(maya)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID id = UUID.fromString(json.readTree(created).get("id").asString());

		awaitDelivery(id, ana, "SMS", "SKIPPED");
		awaitDelivery(id, ana, "IN_APP", "SENT");
		assertThat(channelsOf(id, ana)).as("the in-app copy reaches her: no e-mail besides").containsExactly("IN_APP", "SMS");
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN)).andExpect(jsonPath("$.fellBack").value(0));
	}

	@Test
	void theAnnouncementFormOffersSmsWhenItIsConfigured() throws Exception {
		assertThat(mvc.perform(get("/announcements/new").with(ADMIN)).andReturn().getResponse().getContentAsString())
			.contains("value=\"SMS\"");
	}

	@Test
	void familiesAreOfferedSmsAmongTheirPreferencesAndMayDeclineNewsByText() throws Exception {
		UUID guardian = given.aGuardian("Rosa").id();
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		RequestPostProcessor family = user("family:" + account).roles("FAMILY");
		assertThat(mvc.perform(get("/messages/preferences").with(family)).andReturn().getResponse().getContentAsString())
			.contains("GENERAL.SMS", "By text message (SMS)");
		mvc.perform(post("/messages/preferences").with(family)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("wanted", "GENERAL.EMAIL", "GENERAL.IN_APP", "EVENT.EMAIL", "EVENT.IN_APP", "EVENT.SMS"));
		assertThat(jdbc.sql("select category || '.' || channel from messaging.opt_out where guardian_id = ?").param(guardian)
			.query(String.class).list()).containsExactly("GENERAL.SMS");
	}

	private RequestPostProcessor family(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}

	private UUID pupil(String name) {
		return given.aStudent(name).inGrade("03").enrolledAt(school, districtClock.today().minusMonths(1)).id();
	}

	private UUID announce(UUID student, String channel, String subject, String body) throws Exception {
		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "subject": "%s", "body": "%s", "category": "URGENT", "channels": ["%s"]}"""
				.formatted(student, subject, body, channel)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(json.readTree(created).get("id").asString());
	}

	private UUID awaitDelivery(UUID announcement, UUID guardian, String channel, String status) {
		String sql = "select id from messaging.delivery where announcement_id = ? and guardian_id = ? and channel = ? and status = ?";
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(sql).params(announcement, guardian, channel, status)
			.query(UUID.class).optional().isPresent());
		return jdbc.sql(sql).params(announcement, guardian, channel, status).query(UUID.class).single();
	}

	private List<String> channelsOf(UUID announcement, UUID guardian) {
		return jdbc.sql("select channel from messaging.delivery where announcement_id = ? and guardian_id = ? order by channel")
			.params(announcement, guardian).query(String.class).list();
	}

	private String statusOf(UUID delivery) {
		return jdbc.sql("select status from messaging.delivery where id = ?").param(delivery).query(String.class).single();
	}

	private org.springframework.mock.web.MockHttpServletResponse signed(Map<String, String> form) throws Exception {
		return signed("/webhooks/sms/twilio/status", form);
	}

	private org.springframework.mock.web.MockHttpServletResponse signed(String path, Map<String, String> form)
			throws Exception {
		MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.header("X-Twilio-Signature", twilio.signature(path, form));
		form.forEach(request::param);
		return mvc.perform(request).andReturn().getResponse();
	}
}
