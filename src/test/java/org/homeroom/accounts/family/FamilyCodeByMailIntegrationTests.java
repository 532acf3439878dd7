package org.homeroom.accounts.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Outside demo mode, a sign-in code travels by real SMTP, here to GreenMail on loopback. */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=3025",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>" })
class FamilyCodeByMailIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Test
	void healthChecksTheMailServerOnceMailIsConfigured() throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/health"))
			.andExpect(status().isOk());
		smtp.stop();
		try {
			mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/health"))
				.andExpect(status().isServiceUnavailable());
		}
		finally {
			smtp.start();
		}
	}

	@Test
	void theCodeArrivesByMailFromTheDistrictsAddressAndOpensAToken() throws Exception {
		Districts given = Districts.in(jdbc);
		UUID student = given.student("Maya", "07");
		given.enrol(student, given.school("Lincoln Middle"), districtClock.today().minusMonths(1), null);
		UUID mother = given.aGuardian("Rosa").ofStudent(student).withEducationalRights()
			.reachableByEmail("rosa.mail@family.example")
			.id();

		mvc.perform(post("/api/v1/auth/family/code").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"Rosa.Mail@Family.Example\"}")).andExpect(status().isAccepted());

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		MimeMessage message = smtp.getReceivedMessages()[0];
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo("rosa.mail@family.example");
		assertThat(message.getFrom()[0].toString()).contains("homeroom@riverside.example");
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(GreenMailUtil.getBody(message));
		assertThat(code.find()).isTrue();

		mvc.perform(post("/api/v1/auth/family/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact\": \"rosa.mail@family.example\", \"code\": \"" + code.group(1) + "\"}"))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from platform.outbox_message").query(Integer.class).single())
			.as("outside demo mode nothing goes to the development outbox").isZero();
	}
}
