package org.homeroom.messaging.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Districts;
import org.homeroom.directory.DistrictClock;
import org.homeroom.messaging.MessagingSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery worker on its own: what a node that died left in flight goes out again, marked, and
 * quiet hours hold retries of everything but urgent messages.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=3025",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>", "homeroom.messaging.first-retry-after=200ms",
		"homeroom.messaging.max-attempts=2", "homeroom.messaging.quiet-hours-start=00:00",
		"homeroom.messaging.quiet-hours-end=00:00" })
class DeliveryWorkerIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

	private static final RequestPostProcessor ADMIN = user("worker.admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	JsonMapper json;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Releases releases;

	@Autowired
	EmailChannel email;

	@Autowired
	MessageRenderer renderer;

	@Autowired
	SendTimeCheck check;

	@Autowired
	SmsChannel sms;

	@Autowired
	org.homeroom.messaging.sms.SmsSettings smsSettings;

	@Autowired
	Fallbacks fallbacks;

	@Autowired
	SmsOutcomes outcomes;

	Districts given;

	UUID lincoln;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		lincoln = given.school("Lincoln Middle " + UUID.randomUUID());
	}

	@Test
	void emailLeftInFlightByADeadNodeGoesOutAgainWithTheSameMessageIdAndIsMarked() throws Exception {
		UUID maya = pupil("Maya");
		guardianWithEmail("Rosa", "rosa8@family.example", maya);
		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Scheduled", "body": "Later.", "category": "URGENT",
				 "channels": ["EMAIL"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofDays(1))));
		jdbc.sql("update messaging.announcement set scheduled_at = now() where id = ?").param(id).update();
		UUID deadNode = UUID.randomUUID();
		jdbc.sql("insert into messaging.node (id, started_at, heartbeat_at) values (?, now() - interval '1 hour', now() - interval '1 hour')")
			.param(deadNode).update();
		// The release and a claim by the node that then died, as they would have been committed.
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from messaging.delivery where announcement_id = ?")
			.param(id).query(Integer.class).single() == 1);
		int claimed = jdbc.sql("update messaging.delivery set status = 'SENDING', claimed_by = ?, attempts = 1 where announcement_id = ? and status = 'QUEUED'")
			.params(deadNode, id).update();
		UUID delivery = jdbc.sql("select id from messaging.delivery where announcement_id = ?").param(id).query(UUID.class).single();

		if (claimed == 1) {
			worker.reconcile(Instant.now().minusSeconds(60));
		}

		awaitStatus(id, "SENT", 1);
		MimeMessage mail = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).equals("Scheduled")).findFirst().orElseThrow();
		assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + delivery + "@riverside.example>");
		if (claimed == 1) {
			mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN)).andExpect(jsonPath("$.resentAfterCrash").value(1));
		}
	}

	@Test
	void aRetryFallingInQuietHoursWaitsUntilTheyEndWhileAnUrgentOneGoesAtOnce() throws Exception {
		UUID maya = pupil("Maya");
		guardianWithEmail("Rosa", "rosa.quiet@family.example", maya);
		UUID general = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Menu", "body": "Soup.", "category": "GENERAL",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofDays(1))));
		UUID urgent = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Snow", "body": "Closed.", "category": "URGENT",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofDays(1))));
		releasedButNotYetDue(general);
		releasedButNotYetDue(urgent);
		// Both are retries, due in ten days, at a moment that falls in the quiet hours of a worker
		// whose quiet hours are the two hours around it in the district's zone.
		Instant due = Instant.now().plus(Duration.ofDays(10));
		jdbc.sql("update messaging.delivery set attempts = 1, next_attempt_at = ? where announcement_id in (?, ?)")
			.params(java.sql.Timestamp.from(due), general, urgent).update();
		LocalTime local = due.atZone(districtClock.zone()).toLocalTime();
		MessagingSettings quietAroundDue = new MessagingSettings(local.minusHours(1), local.plusHours(1), 50, 2,
				Duration.ofMillis(200), 5, Duration.ofSeconds(10), 200, Duration.ofSeconds(15), false, "http://localhost:8080");

		workerAt(due.plusSeconds(60), quietAroundDue).deliverOneBatch();

		assertThat(statusOf(general)).as("a retry waits for the end of quiet hours").isEqualTo("QUEUED");
		assertThat(statusOf(urgent)).as("an urgent message is not held").isEqualTo("SENT");

		workerAt(due.plus(Duration.ofHours(1)).plusSeconds(60), quietAroundDue).deliverOneBatch();

		assertThat(statusOf(general)).as("and goes when quiet hours are over").isEqualTo("SENT");
	}

	/** A worker of its own on a clock of its own, which the running worker never races, since its rows are not due yet. */
	private DeliveryWorker workerAt(Instant now, MessagingSettings settings) {
		return new DeliveryWorker(jdbc, transactions, releases, email, renderer, settings, Clock.fixed(now, ZoneOffset.UTC),
				districtClock, check, sms, smsSettings, fallbacks, outcomes);
	}

	private String statusOf(UUID announcement) {
		return jdbc.sql("select status from messaging.delivery where announcement_id = ?").param(announcement)
			.query(String.class).single();
	}

	/** Released now, as the worker would, with every delivery held for a day in the same transaction. */
	private void releasedButNotYetDue(UUID announcement) {
		transactions.executeWithoutResult(status -> {
			releases.release(announcement);
			jdbc.sql("update messaging.delivery set next_attempt_at = now() + interval '1 day' where announcement_id = ?")
				.param(announcement).update();
		});
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private UUID pupil(String name) {
		UUID student = given.student(name, "07");
		given.enrol(student, lincoln, districtClock.today().minusMonths(1), null);
		return student;
	}

	private UUID guardianWithEmail(String name, String email, UUID... children) {
		Districts.GuardianSteps guardian = given.aGuardian(name);
		for (UUID child : children) {
			guardian.ofStudent(child).withEducationalRights();
		}
		return guardian.reachableByEmail(email).id();
	}

	private UUID announce(String body) throws Exception {
		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(json.readTree(created).get("id").asString());
	}

	private void awaitStatus(UUID announcement, String status, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = ?")
			.params(announcement, status).query(Integer.class).single() == count);
	}
}
