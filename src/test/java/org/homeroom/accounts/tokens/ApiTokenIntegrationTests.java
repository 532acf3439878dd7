package org.homeroom.accounts.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.accounts.twostep.TwoStepGate;
import org.homeroom.accounts.twostep.TwoStepSignIn;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** API tokens, outside demo mode: made on the tokens page, used as bearer tokens, revocable. */
@IntegrationTest
class ApiTokenIntegrationTests {

	private static final Pattern SECRET = Pattern.compile("hr_[A-Za-z0-9_-]{43}");

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenMadeOnTheTokensPageOpensTheApiAsItsOwner() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String secret = createOnPage(email, "Nightly sync");

		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("Nightly sync"))
			.andExpect(jsonPath("$[0].active").value(true))
			.andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty());
	}

	@Test
	void onlyAHashOfTheSecretIsStored() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String secret = createOnPage(email, "Reports");

		assertThat(jdbc.sql("select count(*) from accounts.api_token where token_hash like ?").param("%" + secret + "%")
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select token_hash from accounts.api_token t join accounts.account a on a.id = t.account_id where a.username = ?")
			.param(email).query(String.class).single()).hasSize(64);
	}

	@Test
	void aWrongTokenGets401AsAProblemDetail() throws Exception {
		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer hr_not-a-real-token"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.containsString("invalid_token")))
			.andExpect(jsonPath("$.status").value(401));
	}

	@Test
	void theApiWithoutAnyCredentialGets401() throws Exception {
		mvc.perform(get("/api/v1/tokens")).andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.status").value(401));
	}

	@Test
	void aRevokedTokenStopsWorkingAtOnce() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String secret = createOnPage(email, "Old laptop");
		String id = mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andReturn().getResponse().getContentAsString().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

		mvc.perform(delete("/api/v1/tokens/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isNoContent());

		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void revokingOnThePageAsksFirstAndThenRevokes() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String secret = createOnPage(email, "Spreadsheet");
		Cookie session = SignIn.as(mvc, email);
		String id = jdbc.sql("select t.id::text from accounts.api_token t join accounts.account a on a.id = t.account_id where a.username = ?")
			.param(email).query(String.class).single();

		String confirmation = mvc.perform(get("/account/tokens/" + id + "/revoke").cookie(session))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(confirmation).text()).contains("Revoke the token \"Spreadsheet\"?");
		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)).andExpect(status().isOk());

		mvc.perform(post("/account/tokens/" + id + "/revoke").cookie(session).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void anExpiredTokenGets401() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String secret = createOnPage(email, "Short-lived");
		jdbc.sql("""
				update accounts.api_token set created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
				where account_id = (select id from accounts.account where username = ?)""").param(email).update();

		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void nobodyCanRevokeAnotherUsersToken() throws Exception {
		String owner = StaffAccounts.aStaffMember().createIn(accounts);
		createOnPage(owner, "Mine");
		String id = jdbc.sql("select t.id::text from accounts.api_token t join accounts.account a on a.id = t.account_id where a.username = ?")
			.param(owner).query(String.class).single();
		String otherSecret = createOnPage(StaffAccounts.aStaffMember().createIn(accounts), "Theirs");

		mvc.perform(delete("/api/v1/tokens/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + otherSecret))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select revoked_at is null from accounts.api_token where id = ?::uuid").param(id)
			.query(Boolean.class).single()).isTrue();
	}

	@Test
	void outsideDemoModeAPasswordCannotBuyAToken() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/api/v1/tokens").with(basic(email)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"script\"}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aTokenWithoutANameIsRefusedNamingTheField() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);

		String page = mvc.perform(post("/account/tokens").cookie(session).with(csrf()).param("name", " ")
			.param("expiresInDays", "30")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("id=\"name-error\"").doesNotContain("class=\"secret\"");
	}

	@Test
	void settingUpTwoStepSignInRevokesTheTokensMadeBeforeAndThePageSaysSo() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String secret = createOnPage(email, "Made with the password alone");
		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)).andExpect(status().isOk());

		Cookie session = SignIn.as(mvc, email);
		String key = Jsoup.parse(mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andReturn().getResponse()
			.getContentAsString()).select("[data-secret]").text();
		String codesPage = mvc.perform(post(TwoStepGate.SETUP + "/enable").cookie(session).with(csrf())
			.param("code", SignIn.codeFromApp(email, key))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		assertThat(Jsoup.parse(codesPage).select("[data-recovery-code]")).hasSize(TwoStepSignIn.RECOVERY_CODES);
		assertThat(Jsoup.parse(codesPage).select("[data-tokens-revoked]").text()).startsWith("Your API tokens were revoked");
		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void settingUpTwoStepSignInWithoutTokensSaysNothingAboutThem() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);
		String key = Jsoup.parse(mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andReturn().getResponse()
			.getContentAsString()).select("[data-secret]").text();
		String codesPage = mvc.perform(post(TwoStepGate.SETUP + "/enable").cookie(session).with(csrf())
			.param("code", SignIn.codeFromApp(email, key))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		assertThat(Jsoup.parse(codesPage).select("[data-recovery-code]")).hasSize(TwoStepSignIn.RECOVERY_CODES);
		assertThat(Jsoup.parse(codesPage).select("[data-tokens-revoked]")).isEmpty();
	}

	private String createOnPage(String email, String name) throws Exception {
		Cookie session = SignIn.as(mvc, email);
		String page = mvc.perform(post("/account/tokens").cookie(session).with(csrf()).param("name", name)
			.param("expiresInDays", "30")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as("the page shows the new token once").isTrue();
		return matcher.group();
	}

	static org.springframework.test.web.servlet.request.RequestPostProcessor basic(String email) {
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.httpBasic(email, StaffAccounts.PASSWORD);
	}
}
