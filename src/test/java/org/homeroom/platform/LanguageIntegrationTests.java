package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The interface speaks the signed-in user's language. Before sign-in it follows a chosen
 * {@code lang}, remembered in a cookie, then the browser's Accept-Language, then English.
 */
@IntegrationTest
class LanguageIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void beforeSignInTheBrowsersLanguageIsUsed() throws Exception {
		Document page = page(get("/sign-in").header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5"));

		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("es");
		assertThat(page.selectFirst("h1").text()).isEqualTo("Iniciar sesión");
	}

	@Test
	void aChosenLanguageIsRememberedAndArabicReadsRightToLeft() throws Exception {
		MockHttpServletResponse chosen = mvc.perform(get("/sign-in").param("lang", "ar")).andReturn().getResponse();
		Document first = Jsoup.parse(chosen.getContentAsString());
		assertThat(first.selectFirst("html").attr("dir")).isEqualTo("rtl");
		assertThat(first.selectFirst("h1").text()).isEqualTo("تسجيل الدخول");

		Cookie remembered = chosen.getCookie("homeroom_lang");
		assertThat(remembered).isNotNull();
		Document later = page(get("/sign-in").cookie(remembered).header("Accept-Language", "en"));
		assertThat(later.selectFirst("html").attr("lang")).isEqualTo("ar");
	}

	@Test
	void aLanguageWithoutTranslationsFallsBackToEnglish() throws Exception {
		Document page = page(get("/sign-in").header("Accept-Language", "fr-FR,fr;q=0.9"));

		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(page.selectFirst("html").attr("dir")).isEqualTo("ltr");
		assertThat(page.selectFirst("h1").text()).isEqualTo("Sign in");
	}

	@Test
	void aSignedInUsersSavedPreferenceWinsOverTheBrowser() throws Exception {
		String email = StaffAccounts.aStaffMember().named("Lucía").speaking("es").createIn(accounts);
		Cookie session = SignIn.as(mvc, email);

		Document home = page(get("/").cookie(session, new Cookie("homeroom_lang", "ar")).header("Accept-Language", "en"));

		assertThat(home.selectFirst("html").attr("lang")).isEqualTo("es");
		assertThat(home.selectFirst("h1").text()).isEqualTo("Bienvenido/a, Lucía");
	}

	@Test
	void changingTheSavedLanguageChangesEveryPage() throws Exception {
		String email = StaffAccounts.aStaffMember().speaking("en").createIn(accounts);
		Cookie session = SignIn.as(mvc, email);

		mvc.perform(post("/account/language").cookie(session).with(csrf()).param("language", "ar"))
			.andExpect(status().is3xxRedirection());

		Document account = page(get("/account").cookie(session));
		assertThat(account.selectFirst("html").attr("dir")).isEqualTo("rtl");
		assertThat(account.selectFirst("h1").text()).isEqualTo("حسابي");
	}

	@Test
	void aLanguageTheInterfaceDoesNotSpeakIsRefusedOnTheField() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);

		Document page = Jsoup.parse(mvc.perform(post("/account/language").cookie(session).with(csrf()).param("language", "tlh"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.selectFirst("#language-error").text()).isEqualTo("Please choose one of the languages in the list.");
		assertThat(page.selectFirst("#language").attr("aria-invalid")).isEqualTo("true");
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}
}
