package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

@IntegrationTest
class StaffSignInIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void staffSignInWithTheirEmailAndPasswordAndLandOnTheStartPage() throws Exception {
		String email = StaffAccounts.aStaffMember().named("Ana Teacher").createIn(accounts);

		Cookie session = mvc
			.perform(post("/sign-in").param("email", email.toUpperCase()).param("password", StaffAccounts.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");

		String home = mvc.perform(get("/").cookie(session)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(home).contains("Welcome, Ana Teacher");
	}

	@Test
	void aWrongPasswordIsRefusedWithAnExplanation() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/sign-in").param("email", email).param("password", "not the password").with(csrf()))
			.andExpect(redirectedUrl("/sign-in?error"));
		String page = mvc.perform(get("/sign-in?error")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("do not match an active account");
	}

	@Test
	void fiveWrongPasswordsPauseTheAccountAndSayWhy() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		for (int attempt = 1; attempt < SignInLockout.FAILURES_PER_ACCOUNT; attempt++) {
			mvc.perform(post("/sign-in").with(from("10.20.30.40")).param("email", email).param("password", "guess " + attempt)
				.with(csrf())).andExpect(redirectedUrl("/sign-in?error"));
		}
		mvc.perform(post("/sign-in").with(from("10.20.30.40")).param("email", email).param("password", "last guess")
			.with(csrf())).andExpect(redirectedUrl("/sign-in?locked"));

		mvc.perform(post("/sign-in").with(from("10.20.30.41")).param("email", email).param("password", StaffAccounts.PASSWORD)
			.with(csrf())).andExpect(redirectedUrl("/sign-in?locked"));
		String page = mvc.perform(get("/sign-in?locked")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("paused for 15 minutes");

		String colleague = StaffAccounts.aStaffMember().createIn(accounts);
		mvc.perform(post("/sign-in").with(from("10.20.30.42")).param("email", colleague).param("password", StaffAccounts.PASSWORD)
			.with(csrf())).andExpect(redirectedUrl("/"));
	}

	@Test
	void eightWrongPasswordsSentAtOnceGetNoMoreThanFiveOfThemChecked() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		List<RequestBuilder> guesses = IntStream.rangeClosed(1, 8)
			.mapToObj(guess -> (RequestBuilder) post("/sign-in").with(from("10.20.31." + guess)).param("email", email)
				.param("password", "parallel guess " + guess).with(csrf()))
			.toList();

		AllAtOnce.perform(mvc, guesses);

		assertThat(securityEvents("username", email, "SIGN_IN_FAILED")).isEqualTo(SignInLockout.FAILURES_PER_ACCOUNT);
		assertThat(securityEvents("username", email, "SIGN_IN_PAUSED")).isEqualTo(8 - SignInLockout.FAILURES_PER_ACCOUNT);
		mvc.perform(post("/sign-in").with(from("10.20.31.9")).param("email", email).param("password", StaffAccounts.PASSWORD)
			.with(csrf())).andExpect(redirectedUrl("/sign-in?locked"));
	}

	@Test
	void guessesAtManyAccountsSentAtOnceFromOneAddressGetNoMoreThanTwentyChecked() throws Exception {
		String address = "10.20.32.1";
		List<RequestBuilder> guesses = IntStream.rangeClosed(1, SignInLockout.FAILURES_PER_ADDRESS + 4)
			.mapToObj(guess -> (RequestBuilder) post("/sign-in").with(from(address))
				.param("email", "nobody-" + UUID.randomUUID() + "@district.test").param("password", "a guess")
				.with(csrf()))
			.toList();

		AllAtOnce.perform(mvc, guesses);

		assertThat(securityEvents("client_address", address, "SIGN_IN_FAILED")).isEqualTo(SignInLockout.FAILURES_PER_ADDRESS);
		String colleague = StaffAccounts.aStaffMember().createIn(accounts);
		mvc.perform(post("/sign-in").with(from(address)).param("email", colleague).param("password", StaffAccounts.PASSWORD)
			.with(csrf())).andExpect(redirectedUrl("/sign-in?locked"));
	}

	@Test
	void rightPasswordsFromOneAddressNeverPauseIt() throws Exception {
		for (int colleague = 0; colleague <= SignInLockout.FAILURES_PER_ADDRESS; colleague++) {
			mvc.perform(post("/sign-in").with(from("10.20.33.1")).param("email", StaffAccounts.aStaffMember().createIn(accounts))
				.param("password", StaffAccounts.PASSWORD).with(csrf())).andExpect(redirectedUrl("/"));
		}
	}

	@Test
	void theSignInFormRequiresItsCsrfToken() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/sign-in").param("email", email).param("password", StaffAccounts.PASSWORD))
			.andExpect(status().isForbidden());
	}

	@Test
	void pagesSendSomeoneWhoIsNotSignedInToTheSignInPage() throws Exception {
		mvc.perform(get("/account")).andExpect(redirectedUrl("/sign-in"));
	}

	@Test
	void sessionsLiveInTheDatabaseSoThatAnyNodeCanServeTheNextRequest() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		SignIn.as(mvc, email);

		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(email)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void passwordsAreStoredAsBcryptHashes() {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		String hash = jdbc.sql("select password_hash from accounts.account where username = ?").param(email)
			.query(String.class).single();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(StaffAccounts.PASSWORD);
	}

	@Test
	void aShortPasswordIsRefusedForTheFieldItConcerns() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> accounts.createStaff("short@district.test", "Short", "too-short",
					org.homeroom.shared.LanguageTag.ENGLISH, java.util.Set.of(Role.TEACHER)))
			.isInstanceOfSatisfying(org.homeroom.platform.InvalidInputException.class,
					ex -> assertThat(ex.field()).isEqualTo("password"));
	}

	@Test
	void signingOutEndsTheSession() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.as(mvc, email);

		mvc.perform(post("/sign-out").cookie(session).with(csrf())).andExpect(redirectedUrl("/sign-in?signed-out"));
		mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/sign-in"));
	}

	private long securityEvents(String column, String value, String kind) {
		return jdbc.sql("select count(*) from accounts.security_event where " + column + " = ? and kind = ?")
			.params(value, kind).query(Long.class).single();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}
}
