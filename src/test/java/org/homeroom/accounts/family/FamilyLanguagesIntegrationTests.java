package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
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
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The family pages, e-mails and texts speak the families' languages (Vietnamese, Chinese,
 * Somali, Haitian Creole and Portuguese besides English, Spanish and Arabic); staff pages keep
 * English, Spanish and Arabic. A key a language lacks is English, never the key itself. A family
 * may choose any of the district's languages, and gets English pages where Homeroom has none.
 */
@ServerTest
class FamilyLanguagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	DevOutbox outbox;

	@Autowired
	MessageSource messages;

	Districts given;

	UUID school;

	RequestPostProcessor fromItsOwnAddress;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		school = given.school("Jefferson Elementary");
		String address = "10.0.9." + (1 + (int) (Math.random() * 250));
		fromItsOwnAddress = request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void theFamilySignInSpeaksVietnameseAndItsChooserOffersEveryFamilyLanguageByItsOwnName() throws Exception {
		Document page = page(get("/family/sign-in").param("lang", "vi"));

		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("vi");
		assertThat(page.selectFirst("h1").text()).isEqualTo("Đăng nhập bằng mã");
		assertThat(page.select(".language-list a").eachText()).containsExactly("English", "Español", "العربية",
				"Tiếng Việt", "简体中文", "Soomaali", "Kreyòl ayisyen", "Português");
		assertThat(page.select(".language-list a").eachAttr("lang")).contains("vi", "zh-Hans", "pt");
	}

	@Test
	void theSignInPageEveryoneStartsFromOffersTheFamilyLanguagesToo() throws Exception {
		Document page = page(get("/sign-in").param("lang", "pt"));

		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("pt");
		assertThat(page.select("main section.card h2").eachText()).startsWith("Pais, mães e responsáveis");
		assertThat(page.select(".language-list a")).hasSize(8);
	}

	@Test
	void staffPagesStayInEnglishSpanishAndArabic() throws Exception {
		Document page = page(get("/password-reset").param("lang", "vi").header("Accept-Language", "vi"));

		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(page.select(".language-list a").eachText()).containsExactly("English", "Español", "العربية");
	}

	@Test
	void chineseIsSimplifiedChineseWhicheverWayItsTagIsWritten() throws Exception {
		for (String tag : new String[] { "zh", "zh-CN", "zh-Hans", "zh-Hans-CN" }) {
			Document page = page(get("/family/sign-in").param("lang", tag));
			assertThat(page.selectFirst("html").attr("lang")).as(tag).isEqualTo("zh-Hans");
			assertThat(page.selectFirst("h1").text()).as(tag).isEqualTo("用验证码登录");
		}
		Document browser = page(get("/family/sign-in").header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"));
		assertThat(browser.selectFirst("html").attr("lang")).isEqualTo("zh-Hans");
	}

	@Test
	void aKeyALanguageLacksIsEnglishEvenWhenTheServerSpeaksAnotherLanguage() {
		Locale server = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("es"));
			// accounts_vi has the family's keys but not the staff's token page; directory_vi does not exist.
			assertThat(messages.getMessage("tokens.title", null, Locale.forLanguageTag("vi"))).isEqualTo("API tokens");
			assertThat(messages.getMessage("nav.students", null, Locale.forLanguageTag("vi"))).isEqualTo("Students");
			assertThat(messages.getMessage("nav.students", null, Locale.forLanguageTag("zh-Hans"))).isEqualTo("Students");
			assertThat(messages.getMessage("nav.account", null, Locale.forLanguageTag("zh-TW"))).isEqualTo("我的账户");
		}
		finally {
			Locale.setDefault(server);
		}
	}

	@Test
	void aVietnameseParentGetsTheCodeAndTheHomePageInVietnamese() throws Exception {
		String email = aGuardianWithAChild("Lan", "vi");

		Cookie session = signIn(email);

		assertThat(outbox.latest(email, 0, 1).get(0).body()).startsWith("Mã đăng nhập Homeroom của quý vị là ");
		Document home = page(get("/").cookie(session));
		assertThat(home.selectFirst("html").attr("lang")).isEqualTo("vi");
		assertThat(home.select(".site-nav a > span:first-child").eachText()).contains("Trang chủ", "Tin nhắn", "Trao đổi", "Tài khoản của tôi");
	}

	@Test
	void aFamilyMayChooseADistrictLanguageThePagesDoNotHaveAndThenReadsEnglishPages() throws Exception {
		UUID neighbour = given.aGuardian("Pa").ofStudent(given.student("Kia", "03")).speaking("hmn-US").id();
		String email = aGuardianWithAChild("Mai", "vi");
		UUID guardian = guardianWith(email);
		Cookie session = signIn(email);

		Document choices = page(get("/welcome/language").cookie(session));
		assertThat(choices.select("input[name=language]").eachAttr("value")).contains("vi", "zh-Hans", "so", "ht", "pt",
				"hmn");
		assertThat(choices.select("input[value=hmn] ~ span.muted").text()).isEqualTo("— trang bằng tiếng Anh, tin nhắn được dịch");

		mvc.perform(post("/welcome/language").cookie(session).with(csrf()).param("language", "hmn"))
			.andExpect(redirectedUrl("/welcome/reach"));

		Document next = page(get("/welcome/reach").cookie(session));
		assertThat(next.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(next.selectFirst("h1").text()).isEqualTo("Best times to reach you");
		assertThat(jdbc.sql("select preferred_language from directory.guardian where id = ?").param(guardian)
			.query(String.class).single()).isEqualTo("hmn");
		Document account = page(get("/account").cookie(session));
		assertThat(account.select("#language option[selected]").attr("value")).isEqualTo("hmn");
		assertThat(neighbour).isNotNull();
	}

	@Test
	void aFamilyCannotChooseALanguageNobodyInTheDistrictSpeaks() throws Exception {
		Cookie session = signIn(aGuardianWithAChild("Binh", "vi"));

		Document refused = Jsoup.parse(mvc.perform(post("/account/language").cookie(session).with(csrf())
			.param("language", "tlh")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(refused.selectFirst("#language-error").text()).isEqualTo("Xin vui lòng chọn một ngôn ngữ trong danh sách.");
	}

	private String aGuardianWithAChild(String name, String language) {
		String email = name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		UUID child = given.student(name + " Jr", "02");
		given.enrol(child, school, districtClock.today().minusMonths(1), null);
		given.aGuardian(name).ofStudent(child).withEducationalRights().reachableByEmail(email).speaking(language);
		return email;
	}

	private UUID guardianWith(String email) {
		return jdbc.sql("select guardian_id from directory.contact_point where value = ?").param(email).query(UUID.class)
			.single();
	}

	private Cookie signIn(String email) throws Exception {
		Cookie session = mvc.perform(get("/family/sign-in")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(post("/family/sign-in").cookie(session).with(csrf()).with(fromItsOwnAddress).param("contact", email))
			.andExpect(redirectedUrl("/family/sign-in/code"));
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latest(email, 0, 1).get(0).body());
		assertThat(code.find()).isTrue();
		MockHttpServletResponse signedIn = mvc.perform(post("/family/sign-in/code").cookie(session).with(csrf())
			.param("code", code.group(1))).andExpect(status().is3xxRedirection()).andReturn().getResponse();
		return signedIn.getCookie("SESSION") != null ? signedIn.getCookie("SESSION") : session;
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}
}
