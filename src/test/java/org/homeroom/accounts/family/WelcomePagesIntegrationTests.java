package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.ServerTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The family welcome on the web: offered at the first sign-in only, three skippable steps, then the children. */
@ServerTest
class WelcomePagesIntegrationTests {

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

	Districts given;

	UUID lincoln;

	/** Each test asks from an address of its own, so that the per-address throttle counts it alone. */
	org.springframework.test.web.servlet.request.RequestPostProcessor fromItsOwnAddress;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		lincoln = given.school("Lincoln Middle");
		String address = "10.0.2." + (1 + (int) (Math.random() * 250));
		fromItsOwnAddress = request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void theFirstSignInOffersTheWelcomeOnTheHomeAndLaterOnesDoNot() throws Exception {
		String email = aGuardianWithAChild("Rosa");

		Cookie first = signIn(email, "/");
		assertThat(page(first, "/").select("#welcome a").attr("href")).isEqualTo("/welcome");
		mvc.perform(get("/welcome").cookie(first)).andExpect(redirectedUrl("/welcome/contacts"));
		mvc.perform(post("/welcome/finish").cookie(first).with(csrf())).andExpect(redirectedUrl("/my-children"));

		assertThat(page(signIn(email, "/"), "/").select("#welcome")).isEmpty();
	}

	@Test
	void theWelcomeIsOfferedAgainUntilItIsFinishedOrSkipped() throws Exception {
		String email = aGuardianWithAChild("Omar");

		assertThat(page(signIn(email, "/"), "/").select("#welcome")).hasSize(1);
		assertThat(page(signIn(email, "/"), "/").select("#welcome")).hasSize(1);
	}

	@Test
	void stepOneAddsAContactThatIsUsedOnlyOnceItsCodeIsTyped() throws Exception {
		String email = aGuardianWithAChild("Lan");
		Cookie session = signIn(email, "/");
		String added = "lan.new." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";

		Document contacts = page(session, "/welcome/contacts");
		assertThat(contacts.selectFirst(".step-count").text()).isEqualTo("Step 1 of 3");
		String verifyUrl = mvc.perform(post("/welcome/contacts").cookie(session).with(csrf()).with(fromItsOwnAddress).param("kind", "EMAIL")
			.param("value", added)).andExpect(redirectedUrlPattern("/welcome/contacts/*/verify")).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(page(session, verifyUrl).select(".card").text()).contains(added);
		assertThat(page(session, "/welcome/contacts").select(".contact-list li").eachText())
			.anyMatch(item -> item.contains(added) && item.contains("Waiting for its code"));
		assertThat(family.guardiansWithContact(added)).isEmpty();

		Document wrong = Jsoup.parse(mvc.perform(post(verifyUrl).cookie(session).with(csrf()).param("code", "not it"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(wrong.selectFirst("#code").attr("aria-invalid")).isEqualTo("true");

		mvc.perform(post(verifyUrl).cookie(session).with(csrf()).param("code", codeSentTo(added)))
			.andExpect(redirectedUrl("/welcome/contacts"));
		assertThat(family.guardiansWithContact(added)).hasSize(1);
	}

	@Test
	void aContactThatIsNotAnAddressIsExplainedBesideTheField() throws Exception {
		Cookie session = signIn(aGuardianWithAChild("Ida"), "/");

		Document page = Jsoup.parse(mvc.perform(post("/welcome/contacts").cookie(session).with(csrf()).with(fromItsOwnAddress).param("kind", "EMAIL")
			.param("value", "ida at home")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.selectFirst("#value-error").text()).contains("e-mail address");
		assertThat(page.selectFirst("#value").attr("aria-invalid")).isEqualTo("true");
	}

	@Test
	void changingTheSignInContactReplacesItOnceTheNewOneIsConfirmed() throws Exception {
		String email = aGuardianWithAChild("Eli");
		Cookie session = signIn(email, "/");
		UUID old = jdbc.sql("select id from directory.contact_point where value = ?").param(email).query(UUID.class).single();
		String replacement = "eli.new." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";

		assertThat(page(session, "/welcome/contacts/" + old + "/remove").select("[role=alert]").text())
			.contains("only confirmed contact");
		String verifyUrl = mvc.perform(post("/welcome/contacts").cookie(session).with(csrf()).with(fromItsOwnAddress).param("kind", "EMAIL")
			.param("value", replacement).param("replaces", old.toString())).andReturn().getResponse().getRedirectedUrl();
		assertThat(verifyUrl).endsWith("?replaces=" + old);
		mvc.perform(post(verifyUrl.replaceAll("\\?.*", "")).cookie(session).with(csrf()).param("code", codeSentTo(replacement))
			.param("replaces", old.toString())).andExpect(redirectedUrl("/welcome/contacts"));

		assertThat(family.guardiansWithContact(email)).isEmpty();
		assertThat(family.guardiansWithContact(replacement)).hasSize(1);
		signIn(replacement, "/");
	}

	@Test
	void theLanguageStepSwitchesThePagesAtOnceAndTellsTheSchool() throws Exception {
		String email = aGuardianWithAChild("Layla");
		UUID guardian = guardianWith(email);
		Cookie session = signIn(email, "/");

		mvc.perform(post("/welcome/language").cookie(session).with(csrf()).param("language", "ar"))
			.andExpect(redirectedUrl("/welcome/reach"));

		Document next = page(session, "/welcome/reach");
		assertThat(next.selectFirst("html").attr("lang")).isEqualTo("ar");
		assertThat(next.selectFirst("html").attr("dir")).isEqualTo("rtl");
		assertThat(next.selectFirst("h1").text()).isEqualTo("أفضل الأوقات للتواصل معك");
		assertThat(jdbc.sql("select preferred_language from directory.guardian where id = ?").param(guardian)
			.query(String.class).single()).isEqualTo("ar");
		assertThat(editedGroups(guardian)).containsExactly("LANGUAGE");
	}

	@Test
	void aRegionalLanguageTagStaysWhenItsLanguageIsConfirmed() throws Exception {
		String email = aGuardianWithAChild("Lucia");
		UUID guardian = guardianWith(email);
		given.theGuardian(guardian).speaking("es-MX");
		Cookie session = signIn(email, "/");

		mvc.perform(post("/welcome/language").cookie(session).with(csrf()).param("language", "es"))
			.andExpect(redirectedUrl("/welcome/reach"));

		assertThat(jdbc.sql("select preferred_language from directory.guardian where id = ?").param(guardian)
			.query(String.class).single()).isEqualTo("es-MX");
		assertThat(editedGroups(guardian)).as("confirmed by the family").containsExactly("LANGUAGE");
	}

	@Test
	void theLastStepSavesTheBestTimesAndLandsOnTheChildren() throws Exception {
		String email = aGuardianWithAChild("Sam");
		UUID guardian = guardianWith(email);
		Cookie session = signIn(email, "/");

		mvc.perform(post("/welcome/reach").cookie(session).with(csrf()).param("preferredChannels", "SMS", "EMAIL")
			.param("bestTimes", "Weekdays after 5 pm")).andExpect(redirectedUrl("/my-children"));

		assertThat(jdbc.sql("select best_times || ' ' || array_to_string(preferred_channels, ',') from directory.guardian where id = ?")
			.param(guardian).query(String.class).single()).isEqualTo("Weekdays after 5 pm SMS,EMAIL");
		assertThat(editedGroups(guardian)).containsExactly("REACH");
		signIn(email, "/");
	}

	@Test
	void aFamilyCannotRemoveAnotherFamilysContact() throws Exception {
		Cookie rosa = signIn(aGuardianWithAChild("Rosa"), "/");
		String tomsEmail = aGuardianWithAChild("Tom");
		UUID toms = jdbc.sql("select id from directory.contact_point where value = ?").param(tomsEmail).query(UUID.class).single();

		mvc.perform(get("/welcome/contacts/" + toms + "/remove").cookie(rosa)).andExpect(status().isNotFound());
		mvc.perform(post("/welcome/contacts/" + toms + "/remove").cookie(rosa).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/welcome/contacts/" + toms + "/verify").cookie(rosa).with(csrf()).param("code", "123456"))
			.andExpect(status().isNotFound());

		assertThat(family.guardiansWithContact(tomsEmail)).hasSize(1);
	}

	@Test
	void theSamePagesStayReachableAsYourContactDetails() throws Exception {
		Cookie session = signIn(aGuardianWithAChild("Ana"), "/");
		mvc.perform(post("/welcome/finish").cookie(session).with(csrf()));

		for (String page : List.of("/my-children", "/account")) {
			assertThat(page(session, page).select("a[href=/welcome/contacts]").eachText()).as(page)
				.contains("Your contact details");
		}
		assertThat(page(session, "/welcome/contacts").select(".lead")).as("no welcome once it is settled").isEmpty();
	}

	@Test
	void staffHaveNoWelcome() throws Exception {
		Cookie staff = SignIn.as(mvc, StaffAccounts.aStaffMember().createIn(accounts));

		mvc.perform(get("/welcome/contacts").cookie(staff)).andExpect(status().isForbidden());
	}

	private String aGuardianWithAChild(String name) {
		String email = name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		UUID child = given.student(name + "'s child", "07");
		given.enrol(child, lincoln, districtClock.today().minusMonths(1), null);
		given.aGuardian(name).ofStudent(child).withEducationalRights().reachableByEmail(email);
		return email;
	}

	private UUID guardianWith(String email) {
		return jdbc.sql("select guardian_id from directory.contact_point where value = ?").param(email).query(UUID.class)
			.single();
	}

	private List<String> editedGroups(UUID guardian) {
		return jdbc.sql("select field_group from directory.family_edit where guardian_id = ? order by 1").param(guardian)
			.query(String.class).list();
	}

	/** Signs in through the family pages and checks where the code form leads. */
	private Cookie signIn(String email, String expectedLanding) throws Exception {
		Cookie session = mvc.perform(get("/family/sign-in")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).with(fromItsOwnAddress).param("contact", email))
			.andExpect(redirectedUrl("/family/sign-in/code"));
		MockHttpServletResponse signedIn = mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf())
			.param("code", codeSentTo(email))).andExpect(redirectedUrl(expectedLanding)).andReturn().getResponse();
		return signedIn.getCookie("SESSION") != null ? signedIn.getCookie("SESSION") : session;
	}

	private Document page(Cookie session, String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).cookie(session).header("Accept-Language", "en")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	private String codeSentTo(String contact) {
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latest(contact, 0, 1).get(0).body());
		assertThat(code.find()).isTrue();
		return code.group(1);
	}
}
