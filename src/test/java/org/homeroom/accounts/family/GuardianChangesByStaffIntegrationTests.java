package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.ServerTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.Districts;
import org.homeroom.platform.DevOutbox;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Staff correct a guardian's record (issue 15, finding 1): only a district administrator or an
 * administrator of a school one of the guardian's children attends today may, and a contact they
 * enter opens nothing (no sign-in code goes to it) until the family confirms it with a code; the
 * family hears of the change on the contacts they use now. Codes and notices are read from demo
 * mode's outbox, waiting for them, since they may go out after the request has answered.
 */
@ServerTest
class GuardianChangesByStaffIntegrationTests {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private static final String NOTICE_SUBJECT = "Your contact details at school were changed";

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

	Districts given;

	LocalDate today;

	UUID lincoln;

	UUID roosevelt;

	String clientAddress;

	@BeforeEach
	void twoSchools() {
		given = Districts.in(jdbc);
		today = districtClock.today();
		lincoln = given.school("Lincoln Middle");
		roosevelt = given.school("Roosevelt High");
		clientAddress = "10.0.3." + (1 + (int) (Math.random() * 250));
	}

	@Test
	void aPrincipalOfAnotherSchoolFindsNoSuchGuardianAndChangesNothing() throws Exception {
		Family rosa = aFamily("Rosa");
		RequestPostProcessor elsewhere = principalOf(roosevelt);
		String attacker = unique("principal") + "@elsewhere.example";

		change(rosa.guardian(), elsewhere, "{}").andExpect(status().isNotFound());
		change(rosa.guardian(), elsewhere, "{\"emails\": [\"" + attacker + "\"]}").andExpect(status().isNotFound());
		change(rosa.guardian(), teacherAt(lincoln), "{}").andExpect(status().isNotFound());
		change(UUID.randomUUID(), districtAdmin(), "{}").andExpect(status().isNotFound());

		assertThat(contactsOnFile(rosa.guardian())).containsExactly(rosa.email() + " verified");
		requestSignInCode(attacker).andExpect(status().isAccepted());
		requestSignInCode(rosa.email()).andExpect(status().isAccepted());
		awaitFrom(rosa.email(), "Your Homeroom sign-in code");
		assertThat(outbox.latest(attacker, 0, 10)).as("nothing goes to the address the principal typed").isEmpty();
		assertThat(outbox.latest(rosa.email(), 0, 10)).extracting(DevOutbox.OutboxMessage::subject)
			.doesNotContain(NOTICE_SUBJECT);
	}

	@Test
	void aPrincipalOfTheChildsSchoolAddsAnAddressThatOpensNothingUntilTheFamilyConfirmsIt() throws Exception {
		Family lan = aFamily("Lan");
		String added = unique("lan.work") + "@family.example";

		change(lan.guardian(), principalOf(lincoln), "{\"emails\": [\"" + lan.email() + "\", \"" + added + "\"]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.emails[*].value").value(contains(lan.email())))
			.andExpect(jsonPath("$.unconfirmedEmails[*].value").value(contains(added)));

		DevOutbox.OutboxMessage notice = awaitFrom(lan.email(), NOTICE_SUBJECT);
		assertThat(notice.body()).contains(added).contains("/welcome/contacts");

		requestSignInCode(added).andExpect(status().isAccepted());
		requestSignInCode(lan.email()).andExpect(status().isAccepted());
		String code = codeIn(awaitFrom(lan.email(), "Your Homeroom sign-in code"));
		assertThat(outbox.latest(added, 0, 10)).as("no sign-in code goes to a contact staff entered").isEmpty();
		mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + added + "\", \"code\": \"" + code + "\"}")).andExpect(status().isUnauthorized());

		String bearer = "Bearer " + token(lan.email(), code);
		String body = mvc.perform(get("/api/v1/me/contacts").header(HttpHeaders.AUTHORIZATION, bearer))
			.andExpect(jsonPath("$[?(@.value == '" + added + "')].verified").value(contains(false)))
			.andExpect(jsonPath("$[?(@.value == '" + added + "')].enteredByStaff").value(contains(true)))
			.andReturn().getResponse().getContentAsString();
		String id = body.replaceAll(".*\"id\":\"([^\"]+)\",\"kind\":\"EMAIL\",\"value\":\"" + Pattern.quote(added) + "\".*", "$1");
		mvc.perform(withAddress(post("/api/v1/me/contacts/" + id + "/code")).header(HttpHeaders.AUTHORIZATION, bearer))
			.andExpect(status().is2xxSuccessful());
		mvc.perform(post("/api/v1/me/contacts/" + id + "/verify").header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"" + codeIn(awaitTo(added)) + "\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.verified").value(true));

		requestSignInCode(added).andExpect(status().isAccepted());
		token(added, codeIn(awaitFrom(added, "Your Homeroom sign-in code")));
	}

	@Test
	void theFamilysNextSignInLeadsToTheContactsStaffEnteredWithACodeOnePressAway() throws Exception {
		Family ida = aFamily("Ida");
		String added = unique("ida.new") + "@family.example";
		change(ida.guardian(), districtAdmin(), "{\"emails\": [\"" + ida.email() + "\", \"" + added + "\"]}")
			.andExpect(status().isOk());
		awaitFrom(ida.email(), NOTICE_SUBJECT);

		Cookie session = signInOnTheWeb(ida.email(), "/");
		Document home = Jsoup.parse(mvc.perform(get("/").cookie(session).header("Accept-Language", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(home.select("#welcome a").attr("href")).as("the home offers the contacts to confirm").isEqualTo("/welcome");
		mvc.perform(get("/welcome").cookie(session)).andExpect(redirectedUrl("/welcome/contacts"));
		Document page = Jsoup.parse(mvc.perform(get("/welcome/contacts").cookie(session).header("Accept-Language", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.select("#staff-entered").text()).contains("School staff added contact details for you");
		UUID pending = jdbc.sql("select id from directory.contact_point where value = ?").param(added).query(UUID.class).single();
		assertThat(page.select(".contact-list li").eachText())
			.anyMatch(item -> item.contains(added) && item.contains("Added by school staff"));
		assertThat(page.select("form[action=/welcome/contacts/" + pending + "/code] button").text())
			.isEqualTo("Send me a code to confirm it");

		mvc.perform(post("/welcome/contacts/" + pending + "/code").cookie(session).with(csrf()).with(fromClient()))
			.andExpect(redirectedUrl("/welcome/contacts/" + pending + "/verify"));
		mvc.perform(post("/welcome/contacts/" + pending + "/verify").cookie(session).with(csrf())
			.param("code", codeIn(awaitTo(added)))).andExpect(redirectedUrl("/welcome/contacts"));

		assertThat(family.guardiansWithContact(added)).hasSize(1);
		assertThat(contactsOnFile(ida.guardian())).containsExactly(ida.email() + " verified", added + " verified");
	}

	@Test
	void theFamilysLastConfirmedContactStaysUntilTheyConfirmANewOne() throws Exception {
		Family eli = aFamily("Eli");
		String replacement = unique("eli.new") + "@family.example";

		change(eli.guardian(), principalOf(lincoln), "{\"emails\": [\"" + replacement + "\"]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("emails"));

		assertThat(contactsOnFile(eli.guardian())).containsExactly(eli.email() + " verified");
	}

	/** A guardian of a child enrolled at Lincoln today, with one confirmed e-mail address. */
	private Family aFamily(String name) {
		String email = unique(name.toLowerCase()) + "@family.example";
		UUID child = given.student(name + "'s child", "07");
		given.enrol(child, lincoln, today.minusMonths(1), null);
		UUID guardian = given.aGuardian(name, "Family" + UUID.randomUUID().toString().substring(0, 4))
			.ofStudent(child).withEducationalRights()
			.reachableByEmail(email)
			.id();
		return new Family(guardian, email);
	}

	private record Family(UUID guardian, String email) {
	}

	private RequestPostProcessor principalOf(UUID school) {
		String email = unique("principal") + "@district.test";
		given.assign(given.staff("Pat", email), school, "SCHOOL_ADMIN");
		return user(email).roles("SCHOOL_ADMIN");
	}

	private RequestPostProcessor teacherAt(UUID school) {
		String email = unique("teacher") + "@district.test";
		given.assign(given.staff("Terry", email), school, "TEACHER");
		return user(email).roles("TEACHER");
	}

	private static RequestPostProcessor districtAdmin() {
		return user("admin@district.test").roles("DISTRICT_ADMIN");
	}

	private ResultActions change(UUID guardian, RequestPostProcessor caller, String json) throws Exception {
		return mvc.perform(patch("/api/v1/guardians/" + guardian).with(caller).contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private List<String> contactsOnFile(UUID guardian) {
		return jdbc.sql("""
				select value || case when verified then ' verified' else ' unverified' end
				from directory.contact_point where guardian_id = ? order by kind, position""")
			.param(guardian).query(String.class).list();
	}

	private ResultActions requestSignInCode(String contact) throws Exception {
		return mvc.perform(withAddress(post("/api/v1/auth/family/code")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\"}"));
	}

	private String token(String contact, String code) throws Exception {
		return mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\", \"code\": \"" + code + "\"}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()
			.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
	}

	/** Signs in through the family pages and checks where the code form leads. */
	private Cookie signInOnTheWeb(String email, String expectedLanding) throws Exception {
		Cookie session = mvc.perform(get("/family/sign-in")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).with(fromClient()).param("contact", email))
			.andExpect(redirectedUrl("/family/sign-in/code"));
		String code = codeIn(awaitFrom(email, "Your Homeroom sign-in code"));
		MockHttpServletResponse signedIn = mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf())
			.param("code", code)).andExpect(redirectedUrl(expectedLanding)).andReturn().getResponse();
		return signedIn.getCookie("SESSION") != null ? signedIn.getCookie("SESSION") : session;
	}

	private MockHttpServletRequestBuilder withAddress(MockHttpServletRequestBuilder request) {
		return request.with(fromClient());
	}

	private RequestPostProcessor fromClient() {
		return request -> {
			request.setRemoteAddr(clientAddress);
			return request;
		};
	}

	/** The newest message to this contact, waiting up to 10 s for one. */
	private DevOutbox.OutboxMessage awaitTo(String contact) throws InterruptedException {
		return await(contact, null);
	}

	/** The newest message to this contact with this subject, waiting up to 10 s for one. */
	private DevOutbox.OutboxMessage awaitFrom(String contact, String subject) throws InterruptedException {
		return await(contact, subject);
	}

	private DevOutbox.OutboxMessage await(String contact, String subject) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			List<DevOutbox.OutboxMessage> found = outbox.latest(contact, 0, 20).stream()
				.filter(message -> subject == null || subject.equals(message.subject()))
				.toList();
			if (!found.isEmpty()) {
				return found.get(0);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No message " + (subject == null ? "" : "\"" + subject + "\" ") + "reached " + contact);
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
