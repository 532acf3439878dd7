package org.homeroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Whether a contact is on file shows neither in the time nor in the status of the answer to a
 * request for a family sign-in code or a staff password reset: the mail goes out after the commit,
 * off the request thread. Here the mail server takes 2 s for every message, or is down; the answer
 * is as quick, and the same, for a known contact as for an unknown one, and the mail arrives later,
 * or is given up after its last attempt.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.first-retry-after=500ms",
		"homeroom.mail.max-attempts=4" })
@ExtendWith(OutputCaptureExtension.class)
class MailAfterCommitIntegrationTests {

	private static final Duration QUICK = Duration.ofSeconds(1);

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	static final SlowOrDownSmtp smtp = new SlowOrDownSmtp(() -> greenMail.getSmtp().getPort(), Duration.ofSeconds(2));

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry properties) {
		properties.add("homeroom.mail.port", smtp::port);
		properties.add("spring.mail.port", smtp::port);
	}

	@AfterAll
	static void closeTheServer() throws IOException {
		smtp.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Accounts accounts;

	final Mailbox mailbox = new Mailbox(greenMail);

	@Test
	void aSlowMailServerDoesNotSlowTheAnswerForAFamilyOnFile() throws Exception {
		smtp.up();
		String known = familyOnFile();
		warmUp(codeRequest(unknownAddress()));

		Answer forKnown = time(codeRequest(known));
		Answer forUnknown = time(codeRequest(unknownAddress()));

		assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(202);
		assertThat(forKnown.took()).isLessThan(QUICK);
		assertThat(forUnknown.took()).isLessThan(QUICK);
		assertThat(mailbox.to(known, 1)).as("the code still arrives, later").hasSize(1);
	}

	@Test
	void aSlowMailServerDoesNotSlowTheAnswerToAPasswordResetForAStaffMember() throws Exception {
		smtp.up();
		String known = StaffAccounts.aStaffMember().createIn(accounts);
		warmUp(resetRequest(unknownAddress()));

		Answer forKnown = time(resetRequest(known));
		Answer forUnknown = time(resetRequest(unknownAddress()));

		assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(302);
		assertThat(forKnown.redirect()).isEqualTo(forUnknown.redirect()).isEqualTo("/password-reset?sent");
		assertThat(forKnown.took()).isLessThan(QUICK);
		assertThat(forUnknown.took()).isLessThan(QUICK);
		assertThat(mailbox.to(known, 1)).as("the link still arrives, later").hasSize(1);
	}

	@Test
	void withTheMailServerDownAFamilyOnFileGets202AndItsCodeOnceTheServerIsBack() throws Exception {
		smtp.down();
		String known = familyOnFile();

		Answer forKnown = time(codeRequest(known));
		Answer forUnknown = time(codeRequest(unknownAddress()));

		assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> attempts(known) >= 1);
		assertThat(mailbox.now(known)).isEmpty();

		smtp.up();
		assertThat(mailbox.to(known, 1)).as("the code is sent again once the server is back").hasSize(1);
	}

	@Test
	void withTheMailServerDownAResetIsAnsweredAlikeAndItsLinkIsGivenUpAfterTheLastAttempt(CapturedOutput log)
			throws Exception {
		smtp.down();
		String known = StaffAccounts.aStaffMember().createIn(accounts);

		Answer forKnown = time(resetRequest(known));
		Answer forUnknown = time(resetRequest(unknownAddress()));

		assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(302);
		assertThat(forKnown.redirect()).isEqualTo(forUnknown.redirect()).isEqualTo("/password-reset?sent");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select gave_up_at is not null from platform.outgoing_mail where recipient = ?")
				.param(known).query(Boolean.class).single());
		var given = jdbc.sql("select id, attempts, body from platform.outgoing_mail where recipient = ?").param(known)
			.query((rs, row) -> new Object[] { rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3) }).single();
		assertThat(given[1]).as("every attempt was made").isEqualTo(4);
		assertThat(given[2]).as("the link is not kept once the message is given up").isNull();
		assertThat(log.getOut()).contains("Outgoing mail " + given[0] + " was given up after 4 attempts")
			.doesNotContain(known);
		assertThat(jdbc.sql("select count(*) from accounts.account_link where purpose = 'PASSWORD_RESET' and email = ?")
			.param(known).query(Integer.class).single())
			.as("the reset link was made, whatever became of its mail").isOne();
	}

	private String familyOnFile() {
		Districts given = Districts.in(jdbc);
		UUID student = given.student("Maya", "07");
		given.enrol(student, given.school("Lincoln Middle"), districtClock.today().minusMonths(1), null);
		String email = "rosa-" + UUID.randomUUID() + "@family.example";
		given.aGuardian("Rosa").ofStudent(student).withEducationalRights().reachableByEmail(email);
		return email;
	}

	private static String unknownAddress() {
		return "nobody-" + UUID.randomUUID() + "@family.example";
	}

	private int attempts(String recipient) {
		return jdbc.sql("select coalesce(max(attempts), 0) from platform.outgoing_mail where recipient = ?")
			.param(recipient).query(Integer.class).single();
	}

	/** Each request from a client address of its own, so that no throttle counts two of them. */
	private static RequestBuilder codeRequest(String contact) {
		return post("/api/v1/auth/family/code").with(fromAnywhere()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"" + contact + "\"}");
	}

	private static RequestBuilder resetRequest(String email) {
		return post("/password-reset").with(csrf()).with(fromAnywhere()).param("email", email);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor fromAnywhere() {
		String address = "10.1." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** The first request of a context is slow for reasons of its own (classes loading); it is not measured. */
	private void warmUp(RequestBuilder request) throws Exception {
		mvc.perform(request);
	}

	private Answer time(RequestBuilder request) throws Exception {
		long started = System.nanoTime();
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		return new Answer(response.getStatus(), response.getRedirectedUrl(), Duration.ofNanos(System.nanoTime() - started));
	}

	private record Answer(int status, String redirect, Duration took) {
	}
}
