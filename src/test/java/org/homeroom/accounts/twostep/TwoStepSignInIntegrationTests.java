package org.homeroom.accounts.twostep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.AllAtOnce;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.accounts.tokens.ApiTokens;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** Two-step sign-in outside demo mode, where administrators must have it. */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=3025",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>" })
public class TwoStepSignInIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void ruleBackToAdministratorsOnly() {
		jdbc.sql("update accounts.two_step_policy set all_staff = false, in_demo = false").update();
	}

	@Test
	void anAdministratorWithoutASecondFactorCannotUseTheApiOrThePagesUntilTheySetOneUpWhichEndsTheirOldTokens()
			throws Exception {
		String admin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		String token = tokens.issue(admin, "made before the rule", 30).secret();

		mvc.perform(get("/api/v1/schools").header("Authorization", "Bearer " + token))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("two-step sign-in")));
		Cookie session = SignIn.withPasswordOnly(mvc, admin);
		mvc.perform(get("/students").cookie(session)).andExpect(redirectedUrl(TwoStepGate.SETUP));
		mvc.perform(get("/security-log").cookie(session)).andExpect(redirectedUrl(TwoStepGate.SETUP));

		SignIn.setUpSecondStep(mvc, admin, session);

		mvc.perform(get("/security-log").cookie(session)).andExpect(status().isOk());
		// A token made with the password alone may be in other hands; setting up the second factor revokes it.
		mvc.perform(get("/api/v1/schools").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
	}

	@Test
	void settingUpShowsTenRecoveryCodesOnceAndTheWrongCodeSetsUpNothing() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie session = SignIn.withPasswordOnly(mvc, teacher);
		mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andExpect(status().isOk());

		String refused = mvc.perform(post(TwoStepGate.SETUP + "/enable").param("code", "000000").cookie(session).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(refused).select(".field-error").text()).contains("does not match");
		assertThat(jdbc.sql("select count(*) from accounts.second_factor f join accounts.account a on a.id = f.account_id"
				+ " where a.username = ?").param(teacher).query(Integer.class).single()).isZero();

		String page = mvc.perform(post(TwoStepGate.SETUP + "/enable").param("code", codeFromThePage(session, teacher))
			.cookie(session).with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> codes = Jsoup.parse(page).select("[data-recovery-code]").eachText();
		assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}"));
		assertThat(jdbc.sql("select string_agg(code_hash, ',') from accounts.recovery_code").query(String.class).single())
			.doesNotContain(codes.get(0).replace("-", ""));
	}

	@Test
	void aSecondSignInIsHeldAtTheSecondStepUntilARightCodeAndThenGoesWhereItWasGoing() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));

		Cookie session = SignIn.withPasswordOnly(mvc, teacher);
		mvc.perform(get("/account/tokens").cookie(session)).andExpect(redirectedUrl(TwoStepGate.SECOND_STEP));
		mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andExpect(redirectedUrl(TwoStepGate.SECOND_STEP));
		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", "123456").cookie(session).with(csrf()))
			.andExpect(flash().attribute("wrong", true));

		Cookie passed = SignIn.passSecondStep(mvc, teacher, session);

		mvc.perform(get("/account/tokens").cookie(passed)).andExpect(status().isOk());
		assertThat(passed.getValue()).as("a new session id once the second step is passed").isNotEqualTo(session.getValue());
	}

	@Test
	void aCodeThatWasAcceptedOnceIsRefusedTheSecondTime() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));
		Cookie first = SignIn.withPasswordOnly(mvc, teacher);
		String code = SignIn.nextCode(teacher);
		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", code).cookie(first).with(csrf()))
			.andExpect(redirectedUrl("/"));

		Cookie second = SignIn.withPasswordOnly(mvc, teacher);
		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", code).cookie(second).with(csrf()))
			.andExpect(flash().attribute("wrong", true));
	}

	@Test
	void aRecoveryCodeStandsInForThePhoneOnce() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie setup = SignIn.withPasswordOnly(mvc, teacher);
		mvc.perform(get(TwoStepGate.SETUP).cookie(setup));
		String page = mvc.perform(post(TwoStepGate.SETUP + "/enable").param("code", codeFromThePage(setup, teacher))
			.cookie(setup).with(csrf())).andReturn().getResponse().getContentAsString();
		String recovery = Jsoup.parse(page).select("[data-recovery-code]").first().text();

		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", recovery.toUpperCase()).cookie(SignIn.withPasswordOnly(mvc, teacher))
			.with(csrf())).andExpect(redirectedUrl("/"));
		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", recovery).cookie(SignIn.withPasswordOnly(mvc, teacher))
			.with(csrf())).andExpect(flash().attribute("wrong", true));
		assertThat(securityEvents(teacher)).contains("RECOVERY_CODE_USED", "TWO_STEP_FAILED");
	}

	@Test
	void fiveWrongCodesPauseTheSecondStepEvenForTheRightCode() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));
		Cookie session = SignIn.withPasswordOnly(mvc, teacher);
		for (int attempt = 1; attempt < TwoStepSignIn.FAILURES_ALLOWED; attempt++) {
			mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", "000000").cookie(session).with(csrf()))
				.andExpect(flash().attribute("wrong", true));
		}
		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", "000000").cookie(session).with(csrf()))
			.andExpect(flash().attribute("paused", true));

		mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", SignIn.nextCode(teacher)).cookie(session).with(csrf()))
			.andExpect(flash().attribute("paused", true));
		mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl(TwoStepGate.SECOND_STEP));
	}

	@Test
	void eightWrongCodesSentAtOnceGetNoMoreThanFiveOfThemChecked() throws Exception {
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));
		List<RequestBuilder> guesses = new ArrayList<>();
		for (int guess = 1; guess <= 8; guess++) {
			// Each from a session of its own, as a script holding the password would open them.
			guesses.add(post(TwoStepGate.SECOND_STEP).param("code", "00000" + guess)
				.cookie(SignIn.withPasswordOnly(mvc, teacher)).with(csrf()));
		}

		AllAtOnce.perform(mvc, guesses);

		assertThat(securityEvents(teacher)).filteredOn("TWO_STEP_FAILED"::equals).hasSize(TwoStepSignIn.FAILURES_ALLOWED);
		assertThat(securityEvents(teacher)).filteredOn("SIGN_IN_PAUSED"::equals).hasSize(8 - TwoStepSignIn.FAILURES_ALLOWED);
	}

	@Test
	void theDistrictCanRequireItOfEveryMemberOfStaffAndTheChangeIsLogged() throws Exception {
		String admin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		Cookie adminSession = SignIn.as(mvc, admin);
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		mvc.perform(get("/account").cookie(SignIn.withPasswordOnly(mvc, teacher))).andExpect(status().isOk());

		mvc.perform(post("/admin/two-step/policy").param("allStaff", "true").cookie(adminSession).with(csrf()))
			.andExpect(redirectedUrl("/admin/two-step/policy"));

		mvc.perform(get("/account").cookie(SignIn.withPasswordOnly(mvc, teacher))).andExpect(redirectedUrl(TwoStepGate.SETUP));
		assertThat(securityEvents(admin)).contains("TWO_STEP_POLICY_CHANGED");
		mvc.perform(post("/admin/two-step/policy").param("allStaff", "false").cookie(SignIn.as(mvc, teacher)).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void anAdministratorResetsASecondFactorAndThePersonIsToldByMail() throws Exception {
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));
		String teacher = StaffAccounts.aStaffMember().named("Ana Ruiz").speaking("es").createIn(accounts);
		SignIn.setUpSecondStep(mvc, teacher, SignIn.withPasswordOnly(mvc, teacher));

		mvc.perform(get("/admin/two-step/reset").param("account", teacher).cookie(admin)).andExpect(status().isOk());
		mvc.perform(post("/admin/two-step/reset").param("account", teacher).cookie(admin).with(csrf()))
			.andExpect(flash().attribute("reset", true));

		mvc.perform(get("/account").cookie(SignIn.withPasswordOnly(mvc, teacher))).andExpect(status().isOk());
		assertThat(securityEvents(teacher)).contains("TWO_STEP_RESET");
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return message.getAllRecipients()[0].toString().equals(teacher);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow();
		assertThat(mail.getSubject()).isEqualTo("Se restableció su verificación en dos pasos de Homeroom");
		assertThat(GreenMailUtil.getBody(mail)).contains("Ana Ruiz");
	}

	@Test
	void anAdministratorCannotResetTheirOwnSecondFactor() throws Exception {
		String admin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		Cookie session = SignIn.as(mvc, admin);

		String page = mvc.perform(post("/admin/two-step/reset").param("account", admin).cookie(session).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(Jsoup.parse(page).select(".alert--error").text()).contains("another district administrator");
		assertThat(securityEvents(admin)).doesNotContain("TWO_STEP_RESET");
	}

	private String codeFromThePage(Cookie session, String email) throws Exception {
		String page = mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andReturn().getResponse().getContentAsString();
		String secret = Jsoup.parse(page).select("[data-secret]").text().replace(" ", "");
		return Totp.code(secret, Totp.step(java.time.Instant.now()));
	}

	private List<String> securityEvents(String username) {
		return jdbc.sql("select kind from accounts.security_event where username = ? order by at").param(username)
			.query(String.class).list();
	}
}
