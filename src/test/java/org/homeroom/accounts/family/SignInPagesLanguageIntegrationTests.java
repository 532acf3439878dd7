package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.ServerTest;
import org.homeroom.directory.DistrictClock;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The sign-in page puts families first, under the district's name; a contact that is neither an
 * e-mail address nor a phone number is explained beside the field; the code page offers to change
 * the contact and the offices' numbers; and a {@code ?lang=es} stays on every redirect of the way.
 */
@ServerTest
class SignInPagesLanguageIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Autowired
	DevOutbox outbox;

	RequestPostProcessor fromItsOwnAddress;

	@BeforeEach
	void aDistrict() {
		jdbc.sql("insert into directory.district (id, name, time_zone) values (?, 'Riverside Unified School District', 'America/Chicago') on conflict (singleton) do nothing")
			.param(UUID.randomUUID()).update();
		String address = "10.17." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
		fromItsOwnAddress = request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void theSignInPageOpensWithTheFamiliesFormUnderTheDistrictsName() throws Exception {
		String district = jdbc.sql("select name from directory.district").query(String.class).single();
		Document page = Jsoup.parse(mvc.perform(get("/sign-in").param("lang", "es")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());

		assertThat(page.selectFirst(".district-name").text()).isEqualTo(district);
		assertThat(page.select("main section.card h2").eachText()).startsWith("Madres, padres y tutores", "Personal de la escuela");
		assertThat(page.selectFirst("main form").attr("action")).isEqualTo("/family/sign-in");
		assertThat(page.selectFirst("label[for=contact]").text()).isEqualTo("Su correo electrónico o número de celular");
		assertThat(page.select("form input[name=lang]").eachAttr("value")).containsExactly("es", "es");
	}

	@Test
	void somethingThatIsNeitherAnEmailNorAPhoneIsExplainedBesideTheField() throws Exception {
		Document page = Jsoup.parse(mvc.perform(post("/family/sign-in").with(csrf()).with(fromItsOwnAddress)
			.param("contact", "maria at home").param("lang", "es")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());

		assertThat(page.selectFirst("#contact").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.selectFirst("#contact").attr("aria-describedby")).isEqualTo("contact-error");
		assertThat(page.selectFirst("#contact-error").text()).startsWith("Escriba un correo electrónico");
		assertThat(outbox.latest("maria at home", 0, 1)).isEmpty();
	}

	@Test
	void aSpanishLinkStaysSpanishOnEveryRedirectOfTheFamilySignIn() throws Exception {
		UUID school = Districts.in(jdbc).school("Lincoln " + UUID.randomUUID().toString().substring(0, 8));
		jdbc.sql("update directory.school set office_phone = '+15550100100' where id = ?").param(school).update();
		Districts given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("03").enrolledAt(school, clock.today().minusMonths(1)).id();
		String email = "lang." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail(email).speaking("es").id();

		mvc.perform(get("/").param("lang", "es")).andExpect(redirectedUrl("/sign-in?lang=es"));
		mvc.perform(get("/family/sign-in/code").param("lang", "es")).andExpect(redirectedUrl("/family/sign-in?lang=es"));
		Cookie session = mvc.perform(get("/family/sign-in").param("lang", "es")).andReturn().getResponse().getCookie("SESSION");
		MockHttpServletResponse sent = mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).with(fromItsOwnAddress)
			.param("contact", email).param("lang", "es")).andExpect(redirectedUrl("/family/sign-in/code?lang=es"))
			.andReturn().getResponse();
		session = sent.getCookie("SESSION") != null ? sent.getCookie("SESSION") : session;

		Document code = Jsoup.parse(mvc.perform(get("/family/sign-in/code").cookie(session).param("lang", "es"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(code.selectFirst("html").attr("lang")).isEqualTo("es");
		assertThat(code.selectFirst(".change-link").attr("href")).isEqualTo("/family/sign-in?lang=es");
		assertThat(code.selectFirst(".no-code summary").text()).isEqualTo("¿No le llegó el código? Llame a la oficina");
		assertThat(code.select(".office-list a").eachAttr("href")).contains("tel:+15550100100");
		assertThat(code.select("form input[name=lang]").attr("value")).isEqualTo("es");

		mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf()).param("code", codeSentTo(email))
			.param("lang", "es")).andExpect(redirectedUrl("/?lang=es"));
	}

	@Test
	void aStaffMemberWhoseSignInFailsStaysInTheirLanguage() throws Exception {
		ResultActions failed = mvc.perform(post("/sign-in").with(csrf()).with(fromItsOwnAddress)
			.param("email", "nobody." + UUID.randomUUID() + "@district.test").param("password", "wrong").param("lang", "es"));
		failed.andExpect(redirectedUrl("/sign-in?error&lang=es"));
		mvc.perform(post("/family/sign-in/code").param("lang", "not a language").with(csrf()))
			.andExpect(redirectedUrl("/family/sign-in"));
	}

	private String codeSentTo(String email) {
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latest(email, 0, 1).get(0).body());
		assertThat(code.find()).isTrue();
		return code.group(1);
	}
}
