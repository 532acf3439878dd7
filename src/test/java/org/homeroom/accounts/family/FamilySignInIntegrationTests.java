package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.ServerTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.platform.DevOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Families sign in with a code sent to a contact on file (here read from demo mode's outbox), and
 * their token opens their own children's records and nothing else.
 */
@ServerTest
class FamilySignInIntegrationTests {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	DevOutbox outbox;

	Districts given;

	LocalDate today;

	UUID lincoln;

	/** Each test asks from an address of its own, so that the per-address throttle counts it alone. */
	String clientAddress;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		today = districtClock.today();
		lincoln = given.school("Lincoln Middle");
		clientAddress = "10.0.0." + (1 + (int) (Math.random() * 250));
	}

	@Test
	void aSpanishSpeakingMotherSignsInWithACodeAndSeesHerOwnChildOnly() throws Exception {
		String email = unique("rosa") + "@family.example";
		UUID maya = child("Maya");
		UUID rosa = guardianOf(maya, "Rosa", "Ortiz", "EMAIL", email);
		given.theGuardian(rosa).speaking("es-MX");
		UUID stranger = child("Sam");

		requestCode(email).andExpect(status().isAccepted());
		DevOutbox.OutboxMessage message = latestTo(email);
		assertThat(message.subject()).isEqualTo("Su código para entrar en Homeroom");

		String token = token(email, codeIn(message));
		mvc.perform(get("/api/v1/me/children").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].id").value(maya.toString()))
			.andExpect(jsonPath("$[0].programFlags").doesNotExist());
		mvc.perform(get("/api/v1/students/" + maya).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/students/" + stranger).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isNotFound());
	}

	@Test
	void theAnswerIsTheSameForAContactThatIsNotOnFile() throws Exception {
		String known = unique("known") + "@family.example";
		guardianOf(child("Ana"), "Ana", "Lee", "EMAIL", known);

		String forKnown = requestCode(known).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String forUnknown = requestCode(unique("nobody") + "@family.example").andExpect(status().isAccepted()).andReturn()
			.getResponse().getContentAsString();

		assertThat(forUnknown).isEqualTo(forKnown);
	}

	@Test
	void aPhoneOnFileGetsItsCodeByTextInDemoMode() throws Exception {
		String phone = "+1617555" + String.format("%04d", (int) (Math.random() * 10_000));
		guardianOf(child("Leo"), "Omar", "Haddad", "PHONE", phone);

		requestCode(phone.substring(2)).andExpect(status().isAccepted());

		DevOutbox.OutboxMessage message = latestTo(phone);
		assertThat(message.channel()).isEqualTo(DevOutbox.Channel.SMS);
		token(phone, codeIn(message));
	}

	@Test
	void fiveWrongAttemptsBurnTheCode() throws Exception {
		String email = unique("burn") + "@family.example";
		guardianOf(child("Kim"), "Kim", "Park", "EMAIL", email);
		requestCode(email);
		String code = codeIn(latestTo(email));
		String wrong = code.equals("000000") ? "111111" : "000000";

		for (int attempt = 0; attempt < FamilySignIn.ATTEMPTS_PER_CODE; attempt++) {
			exchange(email, wrong, null).andExpect(status().isUnauthorized());
		}
		exchange(email, code, null).andExpect(status().isUnauthorized());
	}

	@Test
	void anExpiredCodeIsRefused() throws Exception {
		String email = unique("late") + "@family.example";
		guardianOf(child("Eli"), "Eli", "Stone", "EMAIL", email);
		requestCode(email);
		String code = codeIn(latestTo(email));
		jdbc.sql("update accounts.sign_in_code set expires_at = now() - interval '1 minute' where contact = ?").param(email)
			.update();

		exchange(email, code, null).andExpect(status().isUnauthorized());
	}

	@Test
	void tooManyCodesForOneContactAreRefusedForAWhile() throws Exception {
		String email = unique("busy") + "@family.example";
		guardianOf(child("Ida"), "Ida", "Berg", "EMAIL", email);

		for (int request = 0; request < FamilySignIn.CODES_PER_CONTACT; request++) {
			requestCode(email).andExpect(status().isAccepted());
		}
		requestCode(email).andExpect(status().isTooManyRequests()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
	}

	@Test
	void aPhoneSharedByTwoPeopleAsksWhichGuardianYouAre() throws Exception {
		String phone = "+1303555" + String.format("%04d", (int) (Math.random() * 10_000));
		UUID maya = child("Maya");
		UUID sofia = guardianOf(maya, "Sofía", "Ramos", "PHONE", phone);
		UUID grandmother = guardianOf(maya, "Carmen", "Ramos", "PHONE", phone);
		requestCode(phone);
		String code = codeIn(latestTo(phone));

		exchange(phone, code, null)
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.choices[*].name").value(org.hamcrest.Matchers.containsInAnyOrder("Sofía Ramos", "Carmen Ramos")));
		exchange(phone, code, grandmother).andExpect(status().isOk());

		assertThat(jdbc.sql("select guardian_id from accounts.family_link where guardian_id in (?, ?)").params(sofia, grandmother)
			.query(UUID.class).list()).containsExactly(grandmother);
	}

	@Test
	void oneParentOnFileTwiceSeesChildrenInBothSchools() throws Exception {
		String email = unique("twice") + "@family.example";
		UUID roosevelt = given.school("Roosevelt High");
		UUID younger = child("Maya");
		UUID older = given.aStudent("Leo").inGrade("10").enrolledAt(roosevelt, today.minusMonths(1)).id();
		guardianOf(younger, "Rosa", "Ortiz", "EMAIL", email);
		guardianOf(older, "Rosa", "Ortiz", "EMAIL", email);
		requestCode(email);

		String token = token(email, codeIn(latestTo(email)));

		mvc.perform(get("/api/v1/me/children").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.containsInAnyOrder(younger.toString(), older.toString())));
	}

	@Test
	void aGuardianUnderANoRecordsRestrictionSeesNothingOfThatChild() throws Exception {
		String email = unique("tom") + "@family.example";
		UUID maya = child("Maya");
		UUID leo = child("Leo");
		UUID tom = guardianOf(maya, "Tom", "Ortiz", "EMAIL", email);
		given.theGuardian(tom).ofStudent(leo).withEducationalRights();
		given.restrict(tom, maya, "NO_RECORDS", today.minusDays(1), null);
		requestCode(email);

		String token = token(email, codeIn(latestTo(email)));

		mvc.perform(get("/api/v1/me/children").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains(leo.toString())));
		mvc.perform(get("/api/v1/students/" + maya).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/students/" + maya + "/guardians").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isNotFound());
	}

	private UUID child(String name) {
		UUID student = given.student(name, "07");
		given.enrol(student, lincoln, today.minusMonths(1), null);
		return student;
	}

	private UUID guardianOf(UUID student, String givenName, String familyName, String kind, String contact) {
		return given.aGuardian(givenName, familyName).ofStudent(student).withEducationalRights()
			.reachableBy(kind, contact)
			.id();
	}

	private ResultActions requestCode(String contact) throws Exception {
		return mvc.perform(post("/api/v1/auth/family/code").with(from(clientAddress)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\"}"));
	}

	private ResultActions exchange(String contact, String code, UUID guardianId) throws Exception {
		String choice = guardianId == null ? "" : ", \"guardianId\": \"" + guardianId + "\"";
		return mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\", \"code\": \"" + code + "\"" + choice + "}"));
	}

	private String token(String contact, String code) throws Exception {
		String body = exchange(contact, code, null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
	}

	private DevOutbox.OutboxMessage latestTo(String recipient) {
		List<DevOutbox.OutboxMessage> messages = outbox.latest(recipient, 0, 1);
		assertThat(messages).as("a message to " + recipient + " in the outbox").isNotEmpty();
		return messages.get(0);
	}

	private static String codeIn(DevOutbox.OutboxMessage message) {
		Matcher matcher = CODE.matcher(message.body());
		assertThat(matcher.find()).as("a 6-digit code in: " + message.body()).isTrue();
		return matcher.group(1);
	}

	private static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}
}
