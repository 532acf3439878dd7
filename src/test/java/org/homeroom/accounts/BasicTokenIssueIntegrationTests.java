package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.homeroom.IntegrationTest;
import org.homeroom.accounts.administration.FirstAdministratorIntegrationTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Outside demo mode an administrator may open the password route to API tokens. It is a door that
 * takes a password, so it pauses guessing as the sign-in form does, and logs every failure. (The properties
 * match {@link FirstAdministratorIntegrationTests}, so both share one application context.)
 */
@IntegrationTest(properties = { FirstAdministratorIntegrationTests.EMAIL, FirstAdministratorIntegrationTests.PASSWORD,
		BasicTokenIssueIntegrationTests.OPEN })
public class BasicTokenIssueIntegrationTests {

	public static final String OPEN = "homeroom.security.basic-token-issue=true";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenOpenedAPasswordBuysATokenOutsideDemoMode() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/api/v1/tokens").with(httpBasic(email, StaffAccounts.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.token").value(org.hamcrest.Matchers.startsWith("hr_")));
	}

	@Test
	void aPasswordAloneBuysNoTokenForAnAccountThatOwesOrHasASecondStep() throws Exception {
		String admin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));

		for (String email : new String[] { admin, teacher }) {
			mvc.perform(post("/api/v1/tokens").with(httpBasic(email, StaffAccounts.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("two-step sign-in")));
		}
	}

	@Test
	void twentyFiveWrongPasswordsThenTheRightOneGetNoTokenButA429AndEveryFailureIsLogged() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		List<Integer> statuses = new ArrayList<>();
		for (int guess = 1; guess <= 25; guess++) {
			statuses.add(issue(email, "guess " + guess, "10.40.0.1").andReturn().getResponse().getStatus());
		}

		issue(email, StaffAccounts.PASSWORD, "10.40.0.2").andExpect(status().isTooManyRequests())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, String.valueOf(SignInLockout.WINDOW.toSeconds())))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("paused for 15 minutes")))
			.andExpect(jsonPath("$.token").doesNotExist());

		assertThat(statuses.subList(0, SignInLockout.FAILURES_PER_ACCOUNT)).containsOnly(401);
		assertThat(statuses.subList(SignInLockout.FAILURES_PER_ACCOUNT, 25)).containsOnly(429);
		assertThat(securityEvents(email)).containsEntry("SIGN_IN_FAILED", (long) SignInLockout.FAILURES_PER_ACCOUNT)
			.containsEntry("SIGN_IN_PAUSED", 25L - SignInLockout.FAILURES_PER_ACCOUNT + 1)
			.doesNotContainKey("TOKEN_CREATED");
	}

	@Test
	void wrongPasswordsAtTheFormAndByBasicCountTogether() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		for (int guess = 1; guess <= 3; guess++) {
			mvc.perform(post("/sign-in").with(from("10.40.1.1")).param("email", email).param("password", "form guess " + guess)
				.with(csrf())).andExpect(redirectedUrl("/sign-in?error"));
		}
		issue(email.toUpperCase(), "basic guess 1", "10.40.1.2").andExpect(status().isUnauthorized());
		issue(email, "basic guess 2", "10.40.1.2").andExpect(status().isUnauthorized());

		issue(email, StaffAccounts.PASSWORD, "10.40.1.3").andExpect(status().isTooManyRequests());
		mvc.perform(post("/sign-in").with(from("10.40.1.3")).param("email", email).param("password", StaffAccounts.PASSWORD)
			.with(csrf())).andExpect(redirectedUrl("/sign-in?locked"));
	}

	@Test
	void wrongPasswordsFromOneAddressPauseItForEveryAccount() throws Exception {
		for (int guess = 1; guess <= SignInLockout.FAILURES_PER_ADDRESS; guess++) {
			issue("nobody-" + guess + "-" + UUID.randomUUID() + "@district.test", "a guess", "10.40.2.1")
				.andExpect(status().isUnauthorized());
		}

		issue(StaffAccounts.aStaffMember().createIn(accounts), StaffAccounts.PASSWORD, "10.40.2.1")
			.andExpect(status().isTooManyRequests());
		issue(StaffAccounts.aStaffMember().createIn(accounts), StaffAccounts.PASSWORD, "10.40.2.2")
			.andExpect(status().isCreated());
	}

	@Test
	void eightWrongPasswordsSentAtOnceGetNoMoreThanFiveOfThemChecked() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		List<RequestBuilder> guesses = IntStream.rangeClosed(1, 8)
			.mapToObj(guess -> (RequestBuilder) issueRequest(email, "parallel guess " + guess, "10.40.3." + guess))
			.toList();

		List<Integer> statuses = AllAtOnce.perform(mvc, guesses);

		assertThat(statuses).filteredOn(status -> status == 401).hasSize(SignInLockout.FAILURES_PER_ACCOUNT);
		assertThat(statuses).filteredOn(status -> status == 429).hasSize(8 - SignInLockout.FAILURES_PER_ACCOUNT);
		assertThat(securityEvents(email)).containsEntry("SIGN_IN_FAILED", (long) SignInLockout.FAILURES_PER_ACCOUNT);
	}

	@Test
	void rightPasswordsByBasicNeverPauseTheAddress() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		for (int token = 0; token <= SignInLockout.FAILURES_PER_ADDRESS; token++) {
			issue(email, StaffAccounts.PASSWORD, "10.40.4.1").andExpect(status().isCreated());
		}
	}

	@Test
	void aWrongPasswordStillGets401() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);

		mvc.perform(post("/api/v1/tokens").with(httpBasic(email, "wrong password"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}"))
			.andExpect(status().isUnauthorized());
	}

	private ResultActions issue(String email, String password, String clientAddress) throws Exception {
		return mvc.perform(issueRequest(email, password, clientAddress));
	}

	private static MockHttpServletRequestBuilder issueRequest(String email, String password, String clientAddress) {
		return post("/api/v1/tokens").with(httpBasic(email, password)).with(from(clientAddress))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"sis-sync\"}");
	}

	private Map<String, Long> securityEvents(String email) {
		return jdbc.sql("select kind, count(*) from accounts.security_event where username = ? group by kind")
			.param(email.toLowerCase(Locale.ROOT))
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}
}
