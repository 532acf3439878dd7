package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.homeroom.accounts.administration.AccountManagementIntegrationTests;
import org.homeroom.accounts.tokens.ApiTokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A forgotten password is replaced through an e-mailed link that works for one hour, once. */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=" + Mailbox.PORT,
		"homeroom.accounts.public-url=https://homeroom.riverside.example" })
@Import(MovableClock.Replacing.class)
class PasswordResetIntegrationTests {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(Mailbox.SMTP).withPerMethodLifecycle(false);

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	ApiTokens tokens;

	final Mailbox mail = new Mailbox(smtp, () -> jdbc);

	@AfterEach
	void backToNow() {
		clock.reset();
	}

	@Test
	void theSignInPageOffersAReset() throws Exception {
		assertThat(page(get("/sign-in")).select("a[href='/password-reset']").text()).isEqualTo("Forgot your password?");
	}

	@Test
	void aResetLinkSetsANewPasswordOnceAndEndsEverySessionOfTheAccount() throws Exception {
		String email = StaffAccounts.aStaffMember().speaking("es").createIn(accounts);
		Cookie elsewhere = SignIn.as(mvc, email);

		mvc.perform(post("/password-reset").with(csrf()).param("email", email.toUpperCase()))
			.andExpect(redirectedUrl("/password-reset?sent"));

		assertThat(Mailbox.subject(mail.to(email, 1).get(0))).isEqualTo("Restablezca su contraseña de Homeroom");
		String link = mail.linkPath(email, AccountManagementIntegrationTests.PUBLIC_URL);
		assertThat(link).startsWith("/password-reset/");
		assertThat(page(get(link)).select("h1").text()).isEqualTo("Choose a new password");
		mvc.perform(post(link).with(csrf()).param("password", NEW_PASSWORD).param("confirmation", NEW_PASSWORD))
			.andExpect(redirectedUrl("/sign-in?reset"));

		mvc.perform(get("/account").cookie(elsewhere)).andExpect(status().is3xxRedirection());
		mvc.perform(post("/sign-in").param("email", email).param("password", StaffAccounts.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/sign-in?error"));
		mvc.perform(post("/sign-in").param("email", email).param("password", NEW_PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		assertThat(page(post(link).with(csrf()).param("password", "yet another passphrase")
			.param("confirmation", "yet another passphrase")).select("h1").text()).isEqualTo("This link no longer works");
		assertThat(securityLog(email)).contains("Password reset link sent", "Password reset");
	}

	@Test
	void aResetRevokesTheAccountsApiTokensAndTheSignInPageSaysSo() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		String token = tokens.issue(email, "Gradebook export", 30).secret();
		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).andExpect(status().isOk());

		mvc.perform(post("/password-reset").with(csrf()).with(from("10.9.7.1")).param("email", email));
		String link = mail.linkPath(email, AccountManagementIntegrationTests.PUBLIC_URL);
		MvcResult reset = mvc.perform(post(link).with(csrf()).param("password", NEW_PASSWORD).param("confirmation", NEW_PASSWORD))
			.andExpect(redirectedUrl("/sign-in?reset"))
			.andReturn();

		mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
		Document signIn = page(get("/sign-in?reset").cookie(sessionOf(reset)));
		assertThat(signIn.select("[data-tokens-revoked]").text()).startsWith("Your API tokens were revoked too");
		assertThat(securityLog(email)).contains("API token revoked");
	}

	@Test
	void aResetOfAnAccountWithoutTokensSaysNothingAboutThem() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		mvc.perform(post("/password-reset").with(csrf()).with(from("10.9.7.2")).param("email", email));
		String link = mail.linkPath(email, AccountManagementIntegrationTests.PUBLIC_URL);
		MvcResult reset = mvc.perform(post(link).with(csrf()).param("password", NEW_PASSWORD).param("confirmation", NEW_PASSWORD))
			.andExpect(redirectedUrl("/sign-in?reset"))
			.andReturn();

		Document signIn = page(get("/sign-in?reset").cookie(sessionOf(reset)));
		assertThat(signIn.select(".alert--success").text()).isEqualTo("Your password was changed. Sign in with the new one.");
	}

	@Test
	void theLinkExpiresAfterOneHour() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		mvc.perform(post("/password-reset").with(csrf()).param("email", email));
		String link = mail.linkPath(email, AccountManagementIntegrationTests.PUBLIC_URL);

		clock.advance(Duration.ofMinutes(59));
		assertThat(page(get(link)).select("h1").text()).isEqualTo("Choose a new password");
		clock.advance(Duration.ofMinutes(2));
		assertThat(page(get(link)).select("h1").text()).isEqualTo("This link no longer works");
		assertThat(page(post(link).with(csrf()).param("password", NEW_PASSWORD).param("confirmation", NEW_PASSWORD))
			.select("h1").text()).isEqualTo("This link no longer works");
	}

	@Test
	void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
		String known = StaffAccounts.aStaffMember().createIn(accounts);
		String unknown = "nobody-" + UUID.randomUUID() + "@district.test";

		String forKnown = mvc.perform(post("/password-reset").with(csrf()).param("email", known)).andReturn().getResponse()
			.getRedirectedUrl();
		String forUnknown = mvc.perform(post("/password-reset").with(csrf()).param("email", unknown)).andReturn()
			.getResponse().getRedirectedUrl();

		assertThat(forUnknown).isEqualTo(forKnown).isEqualTo("/password-reset?sent");
		assertThat(mail.to(known, 1)).hasSize(1);
		assertThat(mail.onceAllQueuedAreSent(unknown)).isEmpty();
		Document notAnAddress = page(post("/password-reset").with(csrf()).param("email", "not an address"));
		assertThat(notAnAddress.select("#email-error").text()).startsWith("Please enter an e-mail address");
	}

	@Test
	void requestsAreThrottledPerAddressAndPerClient() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		for (int i = 0; i < PasswordResets.REQUESTS_PER_EMAIL; i++) {
			mvc.perform(post("/password-reset").with(csrf()).with(from("10.9.8.7")).param("email", email))
				.andExpect(redirectedUrl("/password-reset?sent"));
		}
		Document refused = page(post("/password-reset").with(csrf()).with(from("10.9.8.6")).param("email", email));
		assertThat(refused.select(".alert--warning").text()).startsWith("Too many requests");

		for (int i = 0; i < PasswordResets.REQUESTS_PER_CLIENT; i++) {
			mvc.perform(post("/password-reset").with(csrf()).with(from("10.9.8.5"))
				.param("email", "someone-" + i + "-" + UUID.randomUUID() + "@district.test"));
		}
		Document fromOneClient = page(post("/password-reset").with(csrf()).with(from("10.9.8.5"))
			.param("email", StaffAccounts.aStaffMember().createIn(accounts)));
		assertThat(fromOneClient.select(".alert--warning").text()).startsWith("Too many requests");
	}

	@Test
	void anAdministratorSendsAResetLinkFromTheAccountsPage() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		UUID id = jdbc.sql("select id from accounts.account where username = ?").param(email).query(UUID.class).single();
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		mvc.perform(post("/admin/accounts/" + id + "/password-reset").cookie(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/accounts/" + id));

		String link = mail.linkPath(email, AccountManagementIntegrationTests.PUBLIC_URL);
		mvc.perform(post(link).with(csrf()).param("password", NEW_PASSWORD).param("confirmation", NEW_PASSWORD))
			.andExpect(redirectedUrl("/sign-in?reset"));
		Cookie teacher = SignIn.as(mvc, StaffAccounts.aStaffMember().createIn(accounts));
		mvc.perform(post("/admin/accounts/" + id + "/password-reset").cookie(teacher).with(csrf()))
			.andExpect(status().isForbidden());
	}

	/** The session a browser keeps from an answer, and so the message that the answer left for the next page. */
	private static Cookie sessionOf(MvcResult result) {
		Cookie session = result.getResponse().getCookie("SESSION");
		return session == null ? new Cookie("SESSION", "none") : session;
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private List<String> securityLog(String account) throws Exception {
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));
		return page(get("/security-log").param("account", account).cookie(admin)).select("tbody tr td:nth-child(2)")
			.eachText();
	}
}
