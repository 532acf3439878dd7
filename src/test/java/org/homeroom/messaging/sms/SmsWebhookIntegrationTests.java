package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The SMS channel against a loopback server that answers as Twilio's Messages API does: texts go
 * out form-encoded with basic authentication, and Twilio's signed webhooks (status and inbound
 * texts) come back. A webhook without the right signature is refused and changes nothing.
 */
@IntegrationTest
class SmsWebhookIntegrationTests {

	private static final String SID = "AC" + "0123456789abcdef".repeat(2);

	private static final String TOKEN = "loopback-auth-token";

	private static final String FROM = LoopbackTwilio.FROM;

	private static final String PUBLIC_URL = LoopbackTwilio.PUBLIC_URL;

	/** The sid Twilio gives the text to +15550100777, whose answer takes 3 seconds to come back. */
	private static final String SLOW_SID = "SM77777777777777777777777777777777";

	/** Twilio's Messages API as documented, refusing the numbers the tests send to fail. */
	private static final LoopbackTwilio twilio = LoopbackTwilio.start(SID, TOKEN).refusing("+15550100400", 400, 21211)
		.refusing("+15550100429", 429, 20429).refusing("+15550121610", 400, 21610)
		.answeringSlowly("+15550100777", SLOW_SID, 3000);

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
	SmsOutbox outbox;

	@Autowired
	SmsOptOuts optOuts;

	@Autowired
	SmsInbox inbox;

	@Autowired
	SmsStatusCallbacks statusCallbacks;


	@Test
	void aTextReachesTwilioFormEncodedWithBasicAuthAndItsStatusCallback() throws Exception {
		UUID id = outbox.queue("+15550100001", "Pickup is at 3:15 today.", "en", "TEST", null);
		SmsOutbox.SmsStatus sent = sentOrGivenUp(id);
		assertThat(sent.status()).isEqualTo("SENT");
		assertThat(sent.providerSid()).startsWith("SM").hasSize(34);
		LoggedRequest request = requestTo("+15550100001");
		assertThat(request.getHeader("Authorization"))
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
		Map<String, String> form = form(request.getBodyAsString());
		assertThat(form).containsEntry("To", "+15550100001")
			.containsEntry("From", FROM)
			.containsEntry("Body", "Pickup is at 3:15 today.")
			.containsEntry("StatusCallback", PUBLIC_URL + "/webhooks/sms/twilio/status")
			.doesNotContainKey("MessagingServiceSid");
	}

	@Test
	void aSignedStatusCallbackMovesTheTextToDeliveredAndUnsignedOrWronglySignedOnesChangeNothing() throws Exception {
		UUID id = outbox.queue("+15550100002", "Conference at 5.", "en", "TEST", null);
		String sid = sentOrGivenUp(id).providerSid();
		Map<String, String> delivered = Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", SID,
				"To", "+15550100002", "From", FROM);

		assertThat(webhook("/webhooks/sms/twilio/status", delivered, null).getStatus()).isEqualTo(403);
		assertThat(webhook("/webhooks/sms/twilio/status", delivered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").getStatus()).isEqualTo(403);
		Map<String, String> tampered = new LinkedHashMap<>(delivered);
		String signatureOfTheOriginal = sign("/webhooks/sms/twilio/status", delivered);
		tampered.put("MessageStatus", "failed");
		assertThat(webhook("/webhooks/sms/twilio/status", tampered, signatureOfTheOriginal).getStatus()).isEqualTo(403);
		assertThat(outbox.status(id).orElseThrow().status()).isEqualTo("SENT");

		assertThat(signed("/webhooks/sms/twilio/status", delivered).getStatus()).isEqualTo(204);
		assertThat(outbox.status(id).orElseThrow().status()).isEqualTo("DELIVERED");

		// A late "sent" never takes a delivered text back.
		assertThat(signed("/webhooks/sms/twilio/status", Map.of("MessageSid", sid, "MessageStatus", "sent")).getStatus())
			.isEqualTo(204);
		assertThat(outbox.status(id).orElseThrow().status()).isEqualTo("DELIVERED");
	}

	@Test
	void undeliveredAndFailedCallbacksSaySo() throws Exception {
		UUID id = outbox.queue("+15550100003", "Bus 12 is late.", "en", "TEST", null);
		String sid = sentOrGivenUp(id).providerSid();
		signed("/webhooks/sms/twilio/status", Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003"));
		assertThat(outbox.status(id).orElseThrow().status()).isEqualTo("UNDELIVERED");
		assertThat(outbox.status(id).orElseThrow().lastError()).contains("30003");
	}

	@Test
	void aStatusThatComesBeforeTheSidIsStoredIsKeptAndAppliedWhenItIsNeverBackwards() throws Exception {
		UUID id = outbox.queue("+15550100777", "Early dismissal at noon.", "en", "TEST", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> "SENDING".equals(outbox.status(id).orElseThrow().status()));

		// Twilio calls back while its answer to our POST is still on the way: "delivered", then a late "sent".
		String path = "/webhooks/sms/twilio/status";
		assertThat(signed(path, Map.of("MessageSid", SLOW_SID, "MessageStatus", "delivered")).getStatus()).isEqualTo(204);
		assertThat(signed(path, Map.of("MessageSid", SLOW_SID, "MessageStatus", "sent")).getStatus()).isEqualTo(204);
		assertThat(outbox.status(id).orElseThrow().providerSid()).as("the sid is not stored yet").isNull();

		SmsOutbox.SmsStatus done = sentOrGivenUp(id);
		assertThat(done.providerSid()).isEqualTo(SLOW_SID);
		assertThat(done.status()).as("the early word, applied when the sid was stored").isEqualTo("DELIVERED");
		assertThat(jdbc.sql("select count(*) from messaging.sms_early_status where provider_sid = ?").param(SLOW_SID)
			.query(Integer.class).single()).isZero();
		assertThat(signed(path, Map.of("MessageSid", SLOW_SID, "MessageStatus", "sent")).getStatus()).isEqualTo(204);
		assertThat(outbox.status(id).orElseThrow().status()).isEqualTo("DELIVERED");
	}

	@Test
	void aStatusForASidNoTextOfOursTakesIsDeletedAfterADay() throws Exception {
		String stranger = "SM" + "8".repeat(32);
		assertThat(signed("/webhooks/sms/twilio/status", Map.of("MessageSid", stranger, "MessageStatus", "failed",
				"ErrorCode", "30008")).getStatus()).isEqualTo(204);
		assertThat(earlyStatusesOf(stranger)).isOne();
		statusCallbacks.deleteUnclaimed();
		assertThat(earlyStatusesOf(stranger)).as("kept for a day").isOne();
		jdbc.sql("update messaging.sms_early_status set received_at = now() - interval '25 hours' where provider_sid = ?")
			.param(stranger).update();
		statusCallbacks.deleteUnclaimed();
		assertThat(earlyStatusesOf(stranger)).isZero();
	}

	private int earlyStatusesOf(String sid) {
		return jdbc.sql("select count(*) from messaging.sms_early_status where provider_sid = ?").param(sid)
			.query(Integer.class).single();
	}

	@Test
	void stopEndsTextsAlreadyQueuedAndNothingGoesToTheNumberUntilStart() throws Exception {
		String parent = "+15550100010";
		UUID waiting = outbox.queue(parent, "Field trip form due Friday.", "en", "TEST", null);
		// It waits for a retry, as a text queued before the STOP would.
		jdbc.sql("update messaging.sms_outbox set next_attempt_at = ? where id = ?")
			.params(Timestamp.from(Instant.now().plus(Duration.ofHours(1))), waiting).update();

		assertThat(inbound("SM" + "1".repeat(32), parent, "  stop ").getStatus()).isEqualTo(200);

		assertThat(optOuts.optedOut(parent)).isTrue();
		SmsOutbox.SmsStatus stopped = outbox.status(waiting).orElseThrow();
		assertThat(stopped.status()).isEqualTo("SKIPPED");
		assertThat(stopped.skippedReason()).isEqualTo("OPTED_OUT_SMS");
		UUID later = outbox.queue(parent, "Another message.", "en", "TEST", null);
		assertThat(outbox.status(later).orElseThrow().status()).isEqualTo("SKIPPED");
		Thread.sleep(600);
		assertThat(requestsTo(parent)).as("texts to the number that sent STOP").isEmpty();

		inbound("SM" + "2".repeat(32), parent, "START");
		assertThat(optOuts.optedOut(parent)).isFalse();
		assertThat(sentOrGivenUp(outbox.queue(parent, "Welcome back.", "en", "TEST", null)).status()).isEqualTo("SENT");
	}

	@Test
	void everyOptOutWordOptsOutAndLongerTextsAreMessages() throws Exception {
		String[] words = { "STOP", "stopall", "Unsubscribe", "END", "quit", "REVOKE", "optout", "CANCEL", "opt out" };
		for (int i = 0; i < words.length; i++) {
			String number = "+1555020%04d".formatted(i);
			inbound("SM" + "%032x".formatted(1000 + i), number, words[i]);
			assertThat(optOuts.optedOut(number)).as(words[i]).isTrue();
		}
		inbound("SM" + "%032x".formatted(2000), "+15550209999", "Please stop the bus at Elm St");
		assertThat(optOuts.optedOut("+15550209999")).isFalse();
	}

	@Test
	void anUnsignedInboundTextIsRefusedAndStoresNothing() throws Exception {
		Map<String, String> text = inboundForm("SM" + "3".repeat(32), "+15550100020", "STOP");
		assertThat(webhook("/webhooks/sms/twilio", text, null).getStatus()).isEqualTo(403);
		assertThat(webhook("/webhooks/sms/twilio", text, sign("/webhooks/sms/twilio?x=1", text)).getStatus()).isEqualTo(403);
		assertThat(optOuts.optedOut("+15550100020")).isFalse();
		assertThat(jdbc.sql("select count(*) from messaging.sms_inbound where from_number = '+15550100020'")
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aTextFromAFamilyWaitsForTheOfficeOnceWhateverTwilioRetries() throws Exception {
		String sid = "SM" + "4".repeat(32);
		MockHttpServletResponse answer = inbound(sid, "+15550100030", "Maya will be late tomorrow, dentist.");
		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(answer.getContentType()).startsWith("text/xml");
		assertThat(answer.getContentAsString()).contains("<Response/>");
		inbound(sid, "+15550100030", "Maya will be late tomorrow, dentist.");
		List<InboundText> waiting = inbox.waiting(500).stream().filter(text -> text.providerSid().equals(sid)).toList();
		assertThat(waiting).singleElement().satisfies(text -> {
			assertThat(text.from()).isEqualTo("+15550100030");
			assertThat(text.body()).isEqualTo("Maya will be late tomorrow, dentist.");
		});
		assertThat(inbox.markRouted(waiting.get(0).id())).isTrue();
		assertThat(inbox.waiting(500)).noneMatch(text -> text.providerSid().equals(sid));
	}

	@Test
	void helpAnswersWithTheSchoolAndItsOfficePhoneInTheFamilysLanguage() throws Exception {
		String parent = "+15550100040";
		aSpanishSpeakingParentAtLincolnElementary(parent);
		inbound("SM" + "5".repeat(32), parent, "help");
		await().atMost(Duration.ofSeconds(10)).until(() -> !requestsTo(parent).isEmpty());
		String body = form(requestsTo(parent).get(0).getBodyAsString()).get("Body");
		assertThat(body).contains("Lincoln Elementary").contains("+15550109999").contains("Para ayuda");

		String stranger = "+15550100041";
		inbound("SM" + "6".repeat(32), stranger, "INFO");
		await().atMost(Duration.ofSeconds(10)).until(() -> !requestsTo(stranger).isEmpty());
		assertThat(form(requestsTo(stranger).get(0).getBodyAsString()).get("Body"))
			.contains("your school office").doesNotContain("Lincoln");
	}

	@Test
	void helpAnswersWithTheDistrictsOwnWordsOnceAnAdministratorEditedThem() throws Exception {
		var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user("texts.admin@district.test").roles("DISTRICT_ADMIN");
		String parent = "+15550100042";
		aSpanishSpeakingParentAtLincolnElementary(parent);
		assertThat(mvc.perform(post("/admin/translation/texts/sms.help/es").with(admin).with(csrf())
			.param("text", "Distrito de Riverside: llame a {0}. Envíe STOP para no recibir más mensajes.")).andReturn()
			.getResponse().getStatus()).isEqualTo(302);
		try {
			inbound("SM" + "c".repeat(32), parent, "HELP");
			await().atMost(Duration.ofSeconds(10)).until(() -> !requestsTo(parent).isEmpty());
			assertThat(form(requestsTo(parent).get(0).getBodyAsString()).get("Body"))
				.isEqualTo("Distrito de Riverside: llame a oficina de Lincoln Elementary +15550109999. Envíe STOP para no recibir más mensajes.");
		}
		finally {
			mvc.perform(post("/admin/translation/texts/sms.help/es/restore").with(admin).with(csrf()));
		}
		assertThat(jdbc.sql("select count(*) from translation.curated_text where key = 'sms.help'").query(Long.class).single())
			.isZero();
	}

	@Test
	void twiliosRefusalOfANumberFailsTheTextAtOnceWithoutTheNumberInTheReason() throws Exception {
		SmsOutbox.SmsStatus failed = sentOrGivenUp(outbox.queue("+15550100400", "Hello", "en", "TEST", null));
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).contains("21211").doesNotContain("15550100400");
	}

	@Test
	void tooManyRequestsIsTriedAgainLater() throws Exception {
		UUID id = outbox.queue("+15550100429", "Hello", "en", "TEST", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status(id).orElseThrow().attempts() == 1
				&& outbox.status(id).orElseThrow().status().equals("QUEUED"));
		assertThat(outbox.status(id).orElseThrow().lastError()).contains("429");
	}

	@Test
	void twilioSayingTheNumberUnsubscribedIsAnOptOut() throws Exception {
		SmsOutbox.SmsStatus skipped = sentOrGivenUp(outbox.queue("+15550121610", "Hello", "en", "TEST", null));
		assertThat(skipped.status()).isEqualTo("SKIPPED");
		assertThat(optOuts.optedOut("+15550121610")).isTrue();
	}

	@Test
	void absurdWebhookInputIsRefusedWith400() throws Exception {
		Map<String, String> huge = inboundForm("SM" + "7".repeat(32), "+15550100050", "x".repeat(1_601));
		assertThat(signed("/webhooks/sms/twilio", huge).getStatus()).isEqualTo(400);
		Map<String, String> badSid = inboundForm("SM-not-a-sid!", "+15550100050", "hello");
		assertThat(signed("/webhooks/sms/twilio", badSid).getStatus()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from messaging.sms_inbound where from_number = '+15550100050'")
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aLongTextGoesAsALinkThatOpensWithACodeTextedToThePhone() throws Exception {
		String parent = "+15550100060";
		String whole = "Dear families, " + "the spring concert moves to the gym. ".repeat(20);
		UUID id = outbox.queue(parent, whole, "en", "TEST", null);
		sentOrGivenUp(id);
		String note = form(requestsTo(parent).get(0).getBodyAsString()).get("Body");
		assertThat(SmsSegments.sentWhole(note)).isTrue();
		Matcher link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/t/([A-Za-z0-9_-]+)").matcher(note);
		assertThat(link.find()).as("a link in: " + note).isTrue();
		String token = link.group(1);

		assertThat(mvc.perform(get("/t/" + token)).andReturn().getResponse().getContentAsString()).doesNotContain("spring concert moves");
		assertThat(mvc.perform(get("/t/not-a-token")).andReturn().getResponse().getStatus()).isEqualTo(404);
		mvc.perform(post("/t/" + token + "/code").with(csrf()));
		await().atMost(Duration.ofSeconds(10)).until(() -> requestsTo(parent).size() == 2);
		String code = form(requestsTo(parent).get(0).getBodyAsString()).get("Body").replaceAll("\\D", "");
		assertThat(code).hasSize(6);

		String wrong = code.equals("000000") ? "111111" : "000000";
		assertThat(mvc.perform(post("/t/" + token).with(csrf()).param("code", wrong)).andReturn().getResponse()
			.getContentAsString()).doesNotContain("spring concert moves");
		assertThat(mvc.perform(post("/t/" + token).with(csrf()).param("code", code)).andReturn().getResponse()
			.getContentAsString()).contains("the spring concert moves to the gym.");
		for (int i = 0; i < SmsLongTexts.MOST_TRIES; i++) {
			mvc.perform(post("/t/" + token).with(csrf()).param("code", wrong));
		}
		assertThat(mvc.perform(post("/t/" + token).with(csrf()).param("code", code)).andReturn().getResponse()
			.getContentAsString()).as("after too many tries, even the right code").doesNotContain("spring concert moves");
	}

	@Test
	void afterStopTheStudentPageShowsTheGuardiansPhoneAsOptedOutOfSms() throws Exception {
		String phone = "+15550100070";
		org.homeroom.directory.Districts given = org.homeroom.directory.Districts.in(jdbc);
		UUID school = given.school("Opt-out Middle " + UUID.randomUUID());
		UUID maya = given.aStudent("Maya").enrolledAt(school, java.time.LocalDate.of(2020, 8, 1)).id();
		given.aGuardian("Rosa").ofStudent(maya).reachableByPhone(phone);
		var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user("sms.admin@district.test").roles("DISTRICT_ADMIN");

		assertThat(mvc.perform(get("/students/" + maya).with(admin)).andReturn().getResponse().getContentAsString())
			.contains(phone).doesNotContain("opted out of SMS");
		inbound("SM" + "8".repeat(32), phone, "Stop");
		assertThat(mvc.perform(get("/students/" + maya).with(admin)).andReturn().getResponse().getContentAsString())
			.contains("opted out of SMS");
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor csrf() {
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
	}

	private void aSpanishSpeakingParentAtLincolnElementary(String phone) {
		UUID school = UUID.randomUUID();
		UUID student = UUID.randomUUID();
		UUID guardian = UUID.randomUUID();
		jdbc.sql("insert into directory.school (id, name, kind, office_phone) values (?, 'Lincoln Elementary', 'ELEMENTARY', '+15550109999')")
			.param(school).update();
		jdbc.sql("insert into directory.student (id, given_name, family_name, grade) values (?, 'Sofía', 'Reyes', '03')")
			.param(student).update();
		jdbc.sql("insert into directory.enrolment (id, student_id, school_id, starts_on) values (?, ?, ?, date '2020-08-01')")
			.params(UUID.randomUUID(), student, school).update();
		jdbc.sql("insert into directory.guardian (id, given_name, family_name, preferred_language) values (?, 'Ana', 'Reyes', 'es')")
			.param(guardian).update();
		jdbc.sql("insert into directory.guardianship (guardian_id, student_id, relationship) values (?, ?, 'PARENT')")
			.params(guardian, student).update();
		jdbc.sql("insert into directory.contact_point (id, guardian_id, kind, value, valid, position) values (?, ?, 'PHONE', ?, true, 0)")
			.params(UUID.randomUUID(), guardian, phone).update();
	}

	private SmsOutbox.SmsStatus sentOrGivenUp(UUID id) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !List.of("QUEUED", "SENDING").contains(outbox.status(id).orElseThrow().status()));
		return outbox.status(id).orElseThrow();
	}

	private MockHttpServletResponse inbound(String sid, String from, String body) throws Exception {
		return signed("/webhooks/sms/twilio", inboundForm(sid, from, body));
	}

	private static Map<String, String> inboundForm(String sid, String from, String body) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", sid);
		form.put("SmsSid", sid);
		form.put("AccountSid", SID);
		form.put("From", from);
		form.put("To", FROM);
		form.put("Body", body);
		form.put("NumMedia", "0");
		return form;
	}

	private MockHttpServletResponse signed(String path, Map<String, String> form) throws Exception {
		return webhook(path, form, sign(path, form));
	}

	private static String sign(String pathAndQuery, Map<String, String> form) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		form.forEach((name, value) -> parameters.put(name, List.of(value)));
		return TwilioSignature.of(TOKEN, PUBLIC_URL + pathAndQuery, parameters);
	}

	private MockHttpServletResponse webhook(String path, Map<String, String> form, String signature) throws Exception {
		MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.forEach(request::param);
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private static List<LoggedRequest> requestsTo(String number) {
		return twilio.requestsTo(number);
	}

	private static LoggedRequest requestTo(String number) {
		List<LoggedRequest> requests = requestsTo(number);
		assertThat(requests).as("requests to " + number).hasSize(1);
		return requests.get(0);
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return form;
	}
}
