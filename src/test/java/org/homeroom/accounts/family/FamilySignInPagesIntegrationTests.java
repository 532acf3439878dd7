package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.ServerTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.platform.DevOutbox;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The family sign-in pages, step by step, as a phone's browser goes through them. */
@ServerTest
class FamilySignInPagesIntegrationTests {

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

	@LocalServerPort
	int port;

	Districts given;

	UUID lincoln;

	LocalDate today;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		today = districtClock.today();
		lincoln = given.school("Lincoln Middle");
	}

	@Test
	void aSpanishSpeakingMotherSignsInAndLandsOnHerChildrenInSpanish() throws Exception {
		String email = "web." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		UUID maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, today.minusMonths(1)).id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights()
			.reachableByEmail(email)
			.speaking("es")
			.id();

		Cookie session = mvc.perform(get("/family/sign-in")).andExpect(status().isOk()).andReturn().getResponse()
			.getCookie("SESSION");
		MockHttpServletResponse sent = mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).param("contact", email))
			.andExpect(redirectedUrl("/family/sign-in/code")).andReturn().getResponse();
		session = sent.getCookie("SESSION") != null ? sent.getCookie("SESSION") : session;

		MockHttpServletResponse signedIn = mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf())
			.param("code", codeSentTo(email))).andExpect(redirectedUrl("/")).andReturn().getResponse();
		session = signedIn.getCookie("SESSION") != null ? signedIn.getCookie("SESSION") : session;

		Document page = Jsoup.parse(mvc.perform(get("/my-children").cookie(session).header("Accept-Language", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("es");
		assertThat(page.selectFirst("h1").text()).isEqualTo("Mis hijos");
		assertThat(page.select("article h2").eachText()).containsExactly("Maya Testing");
		assertThat(page.text()).contains("7.º grado", "Lincoln Middle");
	}

	@Test
	void aFamilyMayStaySignedInOnItsPhoneUntilItSignsThatDeviceOut() throws Exception {
		String email = "device." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		UUID leo = given.aStudent("Leo").inGrade("07").enrolledAt(lincoln, today.minusMonths(1)).id();
		UUID omar = given.aGuardian("Omar").ofStudent(leo).withEducationalRights().reachableByEmail(email).id();
		Cookie session = mvc.perform(get("/family/sign-in")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).param("contact", email));

		MockHttpServletResponse signedIn = mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf())
			.param("code", codeSentTo(email)).param("remember-me", "on")).andReturn().getResponse();
		Cookie device = signedIn.getCookie("homeroom_device");
		assertThat(device).as("a cookie that keeps this device signed in").isNotNull();
		assertThat(device.getMaxAge()).isEqualTo((int) java.time.Duration.ofDays(90).toSeconds());

		MockHttpServletResponse later = mvc.perform(get("/my-children").cookie(device)).andExpect(status().isOk())
			.andReturn().getResponse();
		Cookie renewed = later.getCookie("homeroom_device") != null ? later.getCookie("homeroom_device") : device;
		String series = jdbc.sql("select series from persistent_logins where username like 'family:%' order by last_used desc limit 1")
			.query(String.class).single();

		MockHttpServletResponse revoked = mvc.perform(post("/account/devices/revoke").param("series", series).cookie(renewed).with(csrf()))
			.andExpect(redirectedUrl("/account")).andReturn().getResponse();
		Cookie last = revoked.getCookie("homeroom_device") != null ? revoked.getCookie("homeroom_device") : renewed;

		mvc.perform(get("/my-children").cookie(last)).andExpect(status().is3xxRedirection());
	}

	/** Over the real server, as a phone's browser receives it: no other site's form can send it along. */
	@Test
	void theCookieThatRemembersADeviceStaysOnThisSite() throws Exception {
		String email = "samesite." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		UUID leo = given.aStudent("Leo").inGrade("07").enrolledAt(lincoln, today.minusMonths(1)).id();
		UUID omar = given.aGuardian("Omar").ofStudent(leo).withEducationalRights().reachableByEmail(email).id();
		HttpClient phone = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		String contact = "contact=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
		phone.send(form("/family/sign-in", csrfToken(phone, "/family/sign-in"), contact), BodyHandlers.discarding());
		HttpResponse<Void> signedIn = phone.send(form("/family/sign-in/code", csrfToken(phone, "/family/sign-in/code"),
				"code=" + codeSentTo(email) + "&remember-me=on"), BodyHandlers.discarding());

		assertThat(signedIn.headers().allValues("set-cookie")).filteredOn(cookie -> cookie.startsWith("homeroom_device="))
			.singleElement().asString().contains("SameSite=Lax", "HttpOnly");
	}

	@Test
	void aWrongCodeIsExplainedOnTheSamePage() throws Exception {
		Cookie session = mvc.perform(get("/family/sign-in")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).param("contact", "nobody@family.example"));

		Document page = Jsoup.parse(mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf()).param("code", "123456"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.select("[role=alert]").text()).contains("not right");
		assertThat(page.selectFirst("#code").attr("aria-invalid")).isEqualTo("true");
	}

	@Test
	void seeingChildrenNeedsSigningIn() throws Exception {
		mvc.perform(get("/my-children")).andExpect(status().is3xxRedirection());
	}

	private String csrfToken(HttpClient phone, String path) throws Exception {
		String page = phone.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				BodyHandlers.ofString()).body();
		return Jsoup.parse(page).selectFirst("input[name=_csrf]").attr("value");
	}

	private HttpRequest form(String path, String csrfToken, String fields) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(fields + "&_csrf=" + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8)))
			.build();
	}

	private String codeSentTo(String email) {
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latest(email, 0, 1).get(0).body());
		assertThat(code.find()).isTrue();
		return code.group(1);
	}
}
