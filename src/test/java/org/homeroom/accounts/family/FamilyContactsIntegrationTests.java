package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.ServerTest;
import org.homeroom.accounts.Account;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.FamilyDetails;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A family adds, verifies and removes its own contacts through the API (codes read from demo
 * mode's outbox). A new contact is of no use, for sign-in or to anyone reading the record, until
 * its code comes back; and the family's changes are recorded for the SIS import.
 */
@ServerTest
class FamilyContactsIntegrationTests {

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
	FamilyDetails family;

	@Autowired
	DevOutbox outbox;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	Districts given;

	LocalDate today;

	UUID lincoln;

	String clientAddress;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		today = districtClock.today();
		lincoln = given.school("Lincoln Middle");
		clientAddress = "10.0.1." + (1 + (int) (Math.random() * 250));
	}

	@Test
	void anAddedContactOpensNothingUntilItsCodeComesBackAndThenSignsIn() throws Exception {
		Family rosa = aFamilySignedIn("Rosa");
		String added = unique("rosa.new") + "@family.example";

		String id = add(rosa, "EMAIL", added).andExpect(status().isCreated())
			.andExpect(jsonPath("$.contact.verified").value(false))
			.andExpect(jsonPath("$.codeDelivery").value("SENT"))
			.andReturn().getResponse().getContentAsString().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		String verification = codeIn(latestTo(added));

		requestSignInCode(added).andExpect(status().isAccepted());
		assertThat(outbox.latest(added, 0, 10)).as("no sign-in code goes to an unverified contact").hasSize(1);
		mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + added + "\", \"code\": \"" + verification + "\"}"))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/students/" + rosa.child() + "/guardians").header(HttpHeaders.AUTHORIZATION, rosa.bearer()))
			.andExpect(jsonPath("$[0].emails[*].value").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(added))));

		verify(rosa, id, verification).andExpect(status().isOk()).andExpect(jsonPath("$.verified").value(true));

		requestSignInCode(added).andExpect(status().isAccepted());
		assertThat(latestTo(added).subject()).isEqualTo("Your Homeroom sign-in code");
		signIn(added, codeIn(latestTo(added)));
		mvc.perform(get("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, rosa.bearer()))
			.andExpect(jsonPath("$[*].value").value(org.hamcrest.Matchers.containsInAnyOrder(rosa.email(), added)))
			.andExpect(jsonPath("$[*].verified").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(true))));
	}

	@Test
	void fiveWrongCodesUseTheVerificationCodeUp() throws Exception {
		Family omar = aFamilySignedIn("Omar");
		String added = unique("omar.new") + "@family.example";
		String id = idOf(add(omar, "EMAIL", added));
		String code = codeIn(latestTo(added));
		String wrong = code.equals("000000") ? "111111" : "000000";

		for (int attempt = 0; attempt < OneTimeCodes.ATTEMPTS_PER_CODE; attempt++) {
			verify(omar, id, wrong).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("code"));
		}
		verify(omar, id, code).andExpect(status().isBadRequest());

		assertThat(verifiedFlag(id)).isFalse();
	}

	@Test
	void aFamilyCannotTouchAnotherFamilysContacts() throws Exception {
		Family rosa = aFamilySignedIn("Rosa");
		Family tom = aFamilySignedIn("Tom");
		UUID tomsEmail = jdbc.sql("select id from directory.contact_point where value = ?").param(tom.email())
			.query(UUID.class).single();

		verify(rosa, tomsEmail.toString(), "123456").andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/me/contacts/" + tomsEmail).header(HttpHeaders.AUTHORIZATION, rosa.bearer()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, rosa.bearer()))
			.andExpect(jsonPath("$[*].value").value(org.hamcrest.Matchers.contains(rosa.email())));
		assertThat(jdbc.sql("select count(*) from directory.contact_point where id = ?").param(tomsEmail)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theLastVerifiedContactAndTheSignInContactStayUnlessReplaced() throws Exception {
		Family lan = aFamilySignedIn("Lan");
		String signInId = contactIds(lan).get(0);

		mvc.perform(delete("/api/v1/me/contacts/" + signInId).header(HttpHeaders.AUTHORIZATION, lan.bearer()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("id"));

		String phone = "+1617555" + String.format("%04d", (int) (Math.random() * 10_000));
		String phoneId = idOf(add(lan, "PHONE", phone.substring(2)));
		assertThat(latestTo(phone).channel()).isEqualTo(DevOutbox.Channel.SMS);
		verify(lan, phoneId, codeIn(latestTo(phone))).andExpect(status().isOk());

		mvc.perform(delete("/api/v1/me/contacts/" + signInId).header(HttpHeaders.AUTHORIZATION, lan.bearer()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("replacedBy"));
		mvc.perform(delete("/api/v1/me/contacts/" + signInId).param("replacedBy", phoneId)
			.header(HttpHeaders.AUTHORIZATION, lan.bearer())).andExpect(status().isNoContent());

		mvc.perform(get("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, lan.bearer()))
			.andExpect(jsonPath("$[*].value").value(org.hamcrest.Matchers.contains(phone)));
	}

	@Test
	void badInputNamesTheField() throws Exception {
		Family ida = aFamilySignedIn("Ida");

		add(ida, "EMAIL", "not an address").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("value"));
		add(ida, "FAX", "555").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("kind"));
		add(ida, "EMAIL", ida.email()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("value"));
	}

	@Test
	void familyChangesAndStaffCorrectionsAreRecordedForTheSisImport() throws Exception {
		Family eli = aFamilySignedIn("Eli");
		add(eli, "EMAIL", unique("eli.new") + "@family.example").andExpect(status().isCreated());

		assertThat(jdbc.sql("select edited_by from directory.family_edit where guardian_id = ? and field_group = 'CONTACTS'")
			.param(eli.guardian()).query(String.class).single()).startsWith(Account.FAMILY_PREFIX);

		String admin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		String staffEmail = unique("eli.staff") + "@family.example";
		mvc.perform(patch("/api/v1/guardians/" + eli.guardian())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.issue(admin, "test", 1).secret())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"emails\": [\"" + eli.email() + "\", \"" + staffEmail + "\"], \"bestTimes\": \"evenings\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unconfirmedEmails[*].value").value(org.hamcrest.Matchers.contains(staffEmail)));

		assertThat(jdbc.sql("select field_group || ' ' || edited_by from directory.family_edit where guardian_id = ? order by 1")
			.param(eli.guardian()).query(String.class).list()).containsExactly("CONTACTS " + admin, "REACH " + admin);
		assertThat(family.guardiansWithContact(staffEmail)).as("a contact staff entered waits for the family").isEmpty();
	}

	@Test
	void staffMayNotUseAFamilysContactsApi() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		String bearer = "Bearer " + tokens.issue(teacher, "test", 1).secret();

		mvc.perform(get("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, bearer)).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, bearer).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\": \"EMAIL\", \"value\": \"x@example.com\"}")).andExpect(status().isForbidden());
	}

	/** A guardian of an enrolled child, with an e-mail on file, signed in through the API. */
	private Family aFamilySignedIn(String name) throws Exception {
		String email = unique(name.toLowerCase()) + "@family.example";
		UUID child = given.student(name + "'s child", "07");
		given.enrol(child, lincoln, today.minusMonths(1), null);
		UUID guardian = given.aGuardian(name, "Family" + UUID.randomUUID().toString().substring(0, 4))
			.ofStudent(child).withEducationalRights()
			.reachableByEmail(email)
			.id();
		requestSignInCode(email).andExpect(status().isAccepted());
		return new Family(guardian, child, email, "Bearer " + signIn(email, codeIn(latestTo(email))));
	}

	private record Family(UUID guardian, UUID child, String email, String bearer) {
	}

	private ResultActions add(Family family, String kind, String value) throws Exception {
		return mvc.perform(withAddress(post("/api/v1/me/contacts")).header(HttpHeaders.AUTHORIZATION, family.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"kind\": \"" + kind + "\", \"value\": \"" + value + "\"}"));
	}

	private ResultActions verify(Family family, String id, String code) throws Exception {
		return mvc.perform(post("/api/v1/me/contacts/" + id + "/verify").header(HttpHeaders.AUTHORIZATION, family.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"" + code + "\"}"));
	}

	private List<String> contactIds(Family family) throws Exception {
		String body = mvc.perform(get("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, family.bearer()))
			.andReturn().getResponse().getContentAsString();
		Matcher ids = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
		List<String> found = new java.util.ArrayList<>();
		while (ids.find()) {
			found.add(ids.group(1));
		}
		return found;
	}

	private static String idOf(ResultActions added) throws Exception {
		return added.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()
			.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
	}

	private boolean verifiedFlag(String contactId) {
		return jdbc.sql("select verified from directory.contact_point where id = ?").param(UUID.fromString(contactId))
			.query(Boolean.class).single();
	}

	private ResultActions requestSignInCode(String contact) throws Exception {
		return mvc.perform(withAddress(post("/api/v1/auth/family/code")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\"}"));
	}

	private String signIn(String contact, String code) throws Exception {
		return mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\", \"code\": \"" + code + "\"}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()
			.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
	}

	private MockHttpServletRequestBuilder withAddress(MockHttpServletRequestBuilder request) {
		return request.with(servletRequest -> {
			servletRequest.setRemoteAddr(clientAddress);
			return servletRequest;
		});
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
}
