package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch of e-mail goes to the mail server over one connection, and still each family's e-mail
 * arrives once, or fails, on its own: a refused recipient fails only its row, at once, and a
 * recipient put off for now is tried again; a connection lost mid-batch leaves the rest of the
 * batch for a retry over a new connection.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>", "homeroom.messaging.first-retry-after=200ms",
		"homeroom.messaging.max-attempts=2", "homeroom.messaging.quiet-hours-start=00:00",
		"homeroom.messaging.quiet-hours-end=00:00" })
class EmailHandOffIntegrationTests {

	private static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withPerMethodLifecycle(false);

	private static final SmtpProxy proxy = proxyTo(SMTP_PORT);

	@DynamicPropertySource
	static void mailThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("homeroom.mail.port", proxy::port);
		registry.add("spring.mail.port", proxy::port);
	}

	@AfterAll
	static void stopTheProxy() throws IOException {
		proxy.close();
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
	JsonMapper json;

	Districts given;

	UUID school;

	final CapturedLog log = new CapturedLog("org.homeroom.messaging");

	@AfterEach
	void stopCapturing() {
		log.close();
	}

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		school = given.school("Hand-off Middle " + UUID.randomUUID());
		proxy.forget();
	}

	@Test
	void anAnnouncementsEmailsGoOverOneConnectionAndEachArrivesOnce() throws Exception {
		List<String> families = families("one", 6);

		UUID id = announce("One connection");

		awaitStatus(id, "SENT", 6);
		assertThat(recipientsOf("One connection")).containsExactlyInAnyOrderElementsOf(families);
		assertThat(proxy.recipientsByConnection()).hasSize(1);
	}

	@Test
	void aRecipientTheServerRefusesFailsOnlyItsOwnDeliveryAtOnceAndTheLogNamesTheDeliveryNotTheAddress() throws Exception {
		List<String> families = families("refused", 6);
		String refused = families.get(2);
		proxy.refuse(refused);

		UUID id = announce("Refused");

		awaitStatus(id, "SENT", 5);
		awaitStatus(id, "FAILED", 1);
		List<String> delivered = new ArrayList<>(families);
		delivered.remove(refused);
		assertThat(recipientsOf("Refused")).containsExactlyInAnyOrderElementsOf(delivered);
		Map<String, Object> failed = jdbc.sql("select id, attempts, last_error from messaging.delivery where announcement_id = ? and status = 'FAILED'")
			.param(id).query().singleRow();
		assertThat(failed.get("attempts")).as("a 5xx refusal is not tried again").isEqualTo(1);
		assertThat((String) failed.get("last_error")).as("the server's words are kept for staff, without the address")
			.contains("550").contains("no such mailbox").doesNotContain(refused).doesNotContain("@");
		assertThat(proxy.recipientsByConnection().get(0)).as("the first batch, over one connection, went on after the refusal")
			.containsExactlyInAnyOrderElementsOf(delivered);
		ILoggingEvent warning = log.events().stream().filter(event -> event.getFormattedMessage().contains(failed.get("id").toString()))
			.findFirst().orElseThrow();
		assertThat(warning.getLevel()).isEqualTo(Level.WARN);
		assertThat(warning.getFormattedMessage()).contains("550").doesNotContain(refused).doesNotContain("@");
		assertThat(warning.getThrowableProxy()).as("no stack trace, whose messages quote the address").isNull();
		assertThat(log.events()).noneMatch(event -> event.getFormattedMessage().contains("@")
				|| (event.getThrowableProxy() != null && event.getThrowableProxy().getMessage() != null
						&& event.getThrowableProxy().getMessage().contains("@")));
	}

	@Test
	void aRecipientTheServerPutsOffForNowIsTriedAgainAndArrives() throws Exception {
		List<String> families = families("greylisted", 3);
		String putOff = families.get(1);
		proxy.putOffOnce(putOff);

		UUID id = announce("Put off");

		awaitStatus(id, "SENT", 3);
		assertThat(recipientsOf("Put off")).containsExactlyInAnyOrderElementsOf(families);
		assertThat(jdbc.sql("select attempts from messaging.delivery where announcement_id = ? and address = ?").params(id, putOff)
			.query(Integer.class).single()).as("a 4xx answer is retried").isEqualTo(2);
		assertThat(log.events()).anyMatch(event -> event.getLevel() == Level.WARN && event.getFormattedMessage().contains("451")
				&& event.getFormattedMessage().contains("retried"));
	}

	@Test
	void aConnectionLostAtItsFirstMessageLeavesTheBatchForARetryAndEachEmailStillArrivesOnce() throws Exception {
		List<String> families = families("lost", 6);
		proxy.cutOnceAfter(0);

		UUID id = announce("Lost");

		awaitStatus(id, "SENT", 6);
		assertThat(recipientsOf("Lost")).containsExactlyInAnyOrderElementsOf(families);
		assertThat(jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and attempts = 2").param(id)
			.query(Long.class).single()).as("the whole batch waited for a later one").isEqualTo(6);
	}

	@Test
	void aConnectionThatClosesAfterSomeMessagesIsOpenedAgainOnceForTheRestOfTheBatch() throws Exception {
		List<String> families = families("cut", 6);
		proxy.cutOnceAfter(3);

		UUID id = announce("Cut");

		awaitStatus(id, "SENT", 6);
		assertThat(recipientsOf("Cut")).containsExactlyInAnyOrderElementsOf(families);
		assertThat(proxy.recipientsByConnection().get(0)).hasSize(3);
		assertThat(jdbc.sql("select attempts from messaging.delivery where announcement_id = ? order by attempts").param(id)
			.query(Integer.class).list()).as("only the message at the cut waited for a later batch")
			.containsExactly(1, 1, 1, 1, 1, 2);
	}

	/** Families at the school, each with a child and an e-mail address; returns their addresses. */
	private List<String> families(String prefix, int count) {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID child = given.student("Child" + i, "07");
			given.enrol(child, school, districtClock.today().minusMonths(1), null);
			String address = prefix + i + "." + UUID.randomUUID() + "@family.example";
			given.aGuardian("Parent" + i).ofStudent(child).withEducationalRights().reachableByEmail(address);
			addresses.add(address);
		}
		return addresses;
	}

	private UUID announce(String subject) throws Exception {
		String created = mvc.perform(post("/api/v1/announcements").with(user("handoff.admin@district.test").roles("DISTRICT_ADMIN"))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "%s", "body": "Dear {guardianName}.", "category": "URGENT",
					 "channels": ["EMAIL"]}""".formatted(school, subject)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(json.readTree(created).get("id").asString());
	}

	/** The recipient of each e-mail the server received with this subject, once for each copy. */
	private List<String> recipientsOf(String subject) throws MessagingException {
		List<String> recipients = new ArrayList<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			if (subject.equals(mail.getSubject())) {
				Arrays.stream(mail.getAllRecipients()).map(Address::toString).forEach(recipients::add);
			}
		}
		return recipients;
	}

	private void awaitStatus(UUID announcement, String status, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = ?")
			.params(announcement, status).query(Integer.class).single() == count);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SmtpProxy proxyTo(int port) {
		try {
			return new SmtpProxy(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
