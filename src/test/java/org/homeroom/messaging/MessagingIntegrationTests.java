package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.AudienceQuery;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/** Announcements reach each family once, by in-app and e-mail, and the report says who was not reached. */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=3025",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>", "homeroom.messaging.first-retry-after=200ms",
		"homeroom.messaging.max-attempts=2", "homeroom.messaging.quiet-hours-start=00:00",
		"homeroom.messaging.quiet-hours-end=00:00", "homeroom.messaging.release-attempts=3",
		"homeroom.messaging.first-release-retry-after=100ms" })
class MessagingIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

	private static final RequestPostProcessor ADMIN = user("msg.admin@district.test").roles("DISTRICT_ADMIN");

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

	UUID lincoln;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		lincoln = given.school("Lincoln Middle " + UUID.randomUUID());
	}

	@Test
	void aSchoolAnnouncementReachesEachFamilyOncePerChannelNamingAllTheirChildren() throws Exception {
		UUID maya = pupil("Maya");
		UUID leo = pupil("Leo");
		UUID rosa = guardianWithEmail("Rosa", "rosa@family.example", maya, leo);
		given.theGuardian(rosa).speaking("es");

		UUID id = announce("""
				{"audience": {"schoolIds": ["%s"]}, "subject": "Picture day", "body": "Dear {guardianName}, {childName} can smile on Friday.",
				 "category": "GENERAL", "channels": ["IN_APP", "EMAIL"]}""".formatted(lincoln));

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		awaitStatus(id, "SENT", 2);
		MimeMessage mail = smtp.getReceivedMessages()[0];
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("rosa@family.example");
		assertThat(mail.getSubject()).isEqualTo("Picture day");
		MimeMultipart parts = (MimeMultipart) mail.getContent();
		assertThat(parts.getContentType()).startsWith("multipart/alternative");
		assertThat(parts.getBodyPart(0).getContent().toString()).contains("Dear Rosa Testing, Leo, Maya can smile on Friday.")
			.contains("Sobre: Leo, Maya");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		assertThat(mail.getHeader("Message-ID")[0]).endsWith("@riverside.example>");
		assertThat(mail.getHeader("List-Unsubscribe")[0]).isEqualTo("<http://localhost:8080/messages/preferences>");
		assertThat(jdbc.sql("select count(*) from messaging.delivery where announcement_id = ?").param(id)
			.query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void urgentMessagesCarryNoUnsubscribeLink() throws Exception {
		guardianWithEmail("Ana", "ana@family.example", pupil("Iker"));

		announce("""
				{"audience": {"schoolIds": ["%s"]}, "subject": "Early closing", "body": "School closes at noon.",
				 "category": "URGENT", "channels": ["EMAIL"]}""".formatted(lincoln));

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		assertThat(smtp.getReceivedMessages()[0].getHeader("List-Unsubscribe")).isNull();
	}

	@Test
	void aNoContactRestrictionAndAMissingContactLeaveAFamilyOutAndTheReportSaysWhy() throws Exception {
		UUID maya = pupil("Maya");
		UUID father = guardianWithEmail("Tomas", "tomas@family.example", maya);
		given.restrict(father, maya, "NO_CONTACT", districtClock.today().minusDays(3), null);
		UUID aunt = given.aGuardian("Lucia").ofStudent(maya).withEducationalRights().id();
		UUID mother = guardianWithEmail("Rosa", "rosa2@family.example", maya);

		String preview = mvc.perform(post("/api/v1/announcements/preview").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "category": "GENERAL", "channels": ["EMAIL"]}""".formatted(maya)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(json.readTree(preview).get("guardians").asLong()).isEqualTo(1);
		assertThat(json.readTree(preview).get("excluded").get("NO_CONTACT_RESTRICTION").asLong()).isEqualTo(1);
		assertThat(json.readTree(preview).get("excluded").get("NO_USABLE_CONTACT").asLong()).isEqualTo(1);

		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Trip", "body": "Permission slips are due.",
				 "category": "GENERAL", "channels": ["EMAIL", "IN_APP"]}""".formatted(maya));
		awaitStatus(id, "SENT", 2);

		assertThat(jdbc.sql("select distinct guardian_id from messaging.delivery where announcement_id = ?").param(id)
			.query(UUID.class).list()).containsExactly(mother);
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.byChannel.EMAIL.SENT").value(1))
			.andExpect(jsonPath("$.byChannel.IN_APP.OPENED").value(0))
			.andExpect(jsonPath("$.excluded.NO_CONTACT_RESTRICTION").value(1))
			.andExpect(jsonPath("$.unreached[0].guardianId").value(aunt.toString()))
			.andExpect(jsonPath("$.unreached[0].reason").value("NO_USABLE_CONTACT"))
			.andExpect(jsonPath("$.unreached.length()").value(1));
	}

	@Test
	void theFamilyReadsItInTheInboxAndTheReportCountsItOpened() throws Exception {
		UUID maya = pupil("Maya");
		UUID rosa = guardianWithEmail("Rosa", "rosa3@family.example", maya);
		RequestPostProcessor family = familyOf(rosa);
		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Book fair", "body": "Next week.", "category": "EVENT",
				 "channels": ["IN_APP"]}""".formatted(maya));
		awaitStatus(id, "SENT", 1);

		String inbox = mvc.perform(get("/api/v1/me/inbox").with(family)).andExpect(status().isOk())
			.andExpect(jsonPath("$.unread").value(1))
			.andExpect(jsonPath("$.messages[0].subject").value("Book fair"))
			.andExpect(jsonPath("$.messages[0].children").value("Maya"))
			.andReturn().getResponse().getContentAsString();
		String message = json.readTree(inbox).get("messages").get(0).get("id").asString();
		awaitLogged(maya, "inbox");
		mvc.perform(post("/api/v1/me/inbox/{id}/read", message).with(familyOf(given.aGuardian("Stranger").id())))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/me/inbox/{id}/read", message).with(family)).andExpect(status().isNoContent());

		mvc.perform(get("/api/v1/me/inbox").with(family)).andExpect(jsonPath("$.unread").value(0));
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN)).andExpect(jsonPath("$.byChannel.IN_APP.OPENED").value(1));
	}

	@Test
	void aRetriedPostWithTheSameKeyCreatesNothingAndAnotherBodyIsRefused() throws Exception {
		UUID maya = pupil("Maya");
		guardianWithEmail("Rosa", "rosa4@family.example", maya);
		String body = """
				{"audience": {"studentIds": ["%s"]}, "subject": "Lunch", "body": "Menu changes.", "category": "GENERAL",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofDays(1)));

		String first = mvc.perform(post("/api/v1/announcements").with(ADMIN).header("Idempotency-Key", "k-" + maya)
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		String second = mvc.perform(post("/api/v1/announcements").with(ADMIN).header("Idempotency-Key", "k-" + maya)
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		mvc.perform(post("/api/v1/announcements").with(ADMIN).header("Idempotency-Key", "k-" + maya)
			.contentType(MediaType.APPLICATION_JSON).content(body.replace("Menu changes.", "Something else.")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));

		assertThat(second).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from messaging.announcement where subject = 'Lunch' and audience::text like ?")
			.param("%" + maya + "%").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aScheduledAnnouncementCanBeChangedOrCancelledUntilReleasedAndGoesOutWhenDue() throws Exception {
		UUID maya = pupil("Maya");
		guardianWithEmail("Rosa", "rosa5@family.example", maya);
		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Concert", "body": "Tonight.", "category": "EVENT",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofHours(2))));
		mvc.perform(patch("/api/v1/announcements/{id}", id).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 7, \"subject\": \"Stale\"}")).andExpect(status().isConflict());

		mvc.perform(patch("/api/v1/announcements/{id}", id).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 0, \"subject\": \"Concert moved\", \"scheduledAt\": \"%s\"}".formatted(Instant.now().plusSeconds(1))))
			.andExpect(status().isOk());

		awaitStatus(id, "SENT", 1);
		mvc.perform(get("/api/v1/announcements/{id}", id).with(ADMIN)).andExpect(jsonPath("$.status").value("RELEASED"))
			.andExpect(jsonPath("$.subject").value("Concert moved"));
		mvc.perform(delete("/api/v1/announcements/{id}", id).with(ADMIN)).andExpect(status().isBadRequest());

		UUID cancelled = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Later", "body": "Maybe.", "category": "EVENT",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofHours(2))));
		mvc.perform(delete("/api/v1/announcements/{id}", cancelled).with(ADMIN)).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/announcements/{id}", cancelled).with(ADMIN)).andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void aTeacherReachesOnlyTheirOwnClassesFamiliesAndNeverTheWholeDistrict() throws Exception {
		UUID mine = pupil("Maya");
		UUID notMine = pupil("Noor");
		UUID mother = guardianWithEmail("Rosa", "rosa6@family.example", mine);
		guardianWithEmail("Hana", "hana@family.example", notMine);
		UUID teacher = given.staff("Ms Lee", "msg.teacher." + mine + "@district.test");
		UUID section = given.aSection("Maths 7").at(lincoln).taughtBy(teacher).id();
		given.enrolInSection(section, mine, districtClock.today().minusDays(10), null);
		RequestPostProcessor asTeacher = user("msg.teacher." + mine + "@district.test").roles("TEACHER");

		mvc.perform(post("/api/v1/announcements").with(asTeacher).contentType(MediaType.APPLICATION_JSON).content("""
				{"audience": {"district": true}, "subject": "Hi", "body": "All.", "category": "GENERAL", "channels": ["IN_APP"]}"""))
			.andExpect(status().isForbidden());
		String created = mvc.perform(post("/api/v1/announcements").with(asTeacher).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"schoolIds": ["%s"]}, "subject": "Homework", "body": "Chapter 3.", "category": "GENERAL",
					 "channels": ["IN_APP"]}""".formatted(lincoln)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID id = UUID.fromString(json.readTree(created).get("id").asString());

		awaitStatus(id, "SENT", 1);
		assertThat(jdbc.sql("select guardian_id from messaging.delivery where announcement_id = ?").param(id)
			.query(UUID.class).list()).containsExactly(mother);
		mvc.perform(get("/api/v1/announcements/{id}", id).with(user("someone.else@district.test").roles("TEACHER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aFailingMailServerIsRetriedWithBackOffThenTheDeliveryFailsAndTheFamilyIsListedUnreached() throws Exception {
		UUID maya = pupil("Maya");
		UUID rosa = guardianWithEmail("Rosa", "rosa7@family.example", maya);
		smtp.stop();
		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Fees", "body": "Due.", "category": "GENERAL",
				 "channels": ["EMAIL"]}""".formatted(maya));

		awaitStatus(id, "FAILED", 1);
		assertThat(jdbc.sql("select attempts from messaging.delivery where announcement_id = ?").param(id)
			.query(Integer.class).single()).isEqualTo(2);
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.byChannel.EMAIL.FAILED").value(1))
			.andExpect(jsonPath("$.unreached[0].guardianId").value(rosa.toString()))
			.andExpect(jsonPath("$.unreached[0].reason").value("ALL_CHANNELS_FAILED"))
			.andExpect(jsonPath("$.failures[0].guardianId").value(rosa.toString()))
			.andExpect(jsonPath("$.failures[0].reason").value(containsString("Connection refused")));
		mvc.perform(get("/announcements/{id}", id).with(ADMIN)).andExpect(status().isOk())
			.andExpect(content().string(containsString("Connection refused")))
			.andExpect(content().string(not(containsString("rosa7@family.example"))));
	}

	@Test
	void aNoContactRestrictionEnteredAfterReleaseStopsThatGuardianAtHandOffAndTheRestOfTheAudienceStillReceivesIt()
			throws Exception {
		UUID maya = pupil("Maya");
		UUID father = guardianWithEmail("Tomas", "tomas.late@family.example", maya);
		UUID mother = guardianWithEmail("Rosa", "rosa.late@family.example", maya);
		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Open day", "body": "Come along.", "category": "GENERAL",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofDays(1))));
		releasedButNotYetDue(id);

		given.restrict(father, maya, "NO_CONTACT", districtClock.today(), null);
		jdbc.sql("update messaging.delivery set next_attempt_at = now() where announcement_id = ?").param(id).update();

		awaitStatus(id, "SENT", 1);
		awaitStatus(id, "SKIPPED", 1);
		assertThat(jdbc.sql("select guardian_id from messaging.delivery where announcement_id = ? and status = 'SENT'").param(id)
			.query(UUID.class).single()).isEqualTo(mother);
		assertThat(jdbc.sql("select guardian_id || ' ' || skipped_reason from messaging.delivery where announcement_id = ? and status = 'SKIPPED'")
			.param(id).query(String.class).single()).isEqualTo(father + " NO_CONTACT_RESTRICTION");
		mvc.perform(get("/api/v1/announcements/{id}/report", id).with(ADMIN))
			.andExpect(jsonPath("$.byChannel.IN_APP.SKIPPED").value(1))
			.andExpect(jsonPath("$.skipped.NO_CONTACT_RESTRICTION").value(1));
	}

	@Test
	void aFamilyThatDeclinedAfterReleaseAndAContactNoLongerUsableAreSkippedWithTheirReasons() throws Exception {
		UUID maya = pupil("Maya");
		UUID declined = guardianWithEmail("Tomas", "tomas.declined@family.example", maya);
		UUID gone = guardianWithEmail("Lucia", "lucia.gone@family.example", maya);
		UUID id = announce("""
				{"audience": {"studentIds": ["%s"]}, "subject": "Bake sale", "body": "Cakes.", "category": "EVENT",
				 "channels": ["IN_APP", "EMAIL"], "scheduledAt": "%s"}""".formatted(maya, Instant.now().plus(Duration.ofDays(1))));
		releasedButNotYetDue(id);

		jdbc.sql("insert into messaging.opt_out (guardian_id, category, channel, chosen_at) values (?, 'EVENT', 'EMAIL', now())")
			.param(declined).update();
		jdbc.sql("update directory.contact_point set valid = false where guardian_id = ?").param(gone).update();
		jdbc.sql("update messaging.delivery set next_attempt_at = now() where announcement_id = ?").param(id).update();

		awaitStatus(id, "SKIPPED", 3);
		awaitStatus(id, "SENT", 1);
		assertThat(jdbc.sql("""
				select guardian_id || ' ' || channel || ' ' || coalesce(skipped_reason, status) from messaging.delivery
				where announcement_id = ?""").param(id).query(String.class).list())
			.containsExactlyInAnyOrder(declined + " EMAIL OPTED_OUT_EMAIL", declined + " IN_APP SENT",
					gone + " EMAIL NO_USABLE_CONTACT", gone + " IN_APP NO_USABLE_CONTACT");
	}

	@Test
	void thePostAnswersBeforeTheAudienceIsReleasedAndTheWorkerThenReleasesIt() throws Exception {
		UUID maya = pupil("Maya");
		guardianWithEmail("Rosa", "rosa.async@family.example", maya);
		UUID id;
		// While the recipients table is held, no release can write its audience: the answer cannot wait for one.
		try (Connection held = dataSource.getConnection()) {
			held.setAutoCommit(false);
			held.createStatement().execute("lock table messaging.recipient in share mode");
			try {
				id = CompletableFuture.supplyAsync(() -> {
					try {
						return announce("""
								{"audience": {"studentIds": ["%s"]}, "subject": "Sports day", "body": "Trainers.",
								 "category": "GENERAL", "channels": ["IN_APP"]}""".formatted(maya));
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}).get(15, TimeUnit.SECONDS);
				assertThat(jdbc.sql("select count(*) from messaging.delivery where announcement_id = ?").param(id)
					.query(Integer.class).single()).as("nothing is queued yet").isZero();
				mvc.perform(get("/announcements/{id}", id).with(ADMIN)).andExpect(status().isOk())
					.andExpect(content().string(containsString("Sending…")));
			}
			finally {
				held.rollback();
			}
		}

		awaitStatus(id, "SENT", 1);
		mvc.perform(get("/api/v1/announcements/{id}", id).with(ADMIN)).andExpect(jsonPath("$.status").value("RELEASED"));
		mvc.perform(get("/announcements/{id}", id).with(ADMIN)).andExpect(content().string(containsString("Sent.")));
	}

	@Test
	void aReleaseThatKeepsFailingEndsFailedAfterItsAttemptsAndItsSenderSeesWhy() throws Exception {
		UUID id = UUID.randomUUID();
		// Its audience names a filter no module offers any more, so every release is refused.
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience, status,
				                                    scheduled_at, created_at)
				values (?, 'msg.admin@district.test', array['DISTRICT_ADMIN'], 'Orphaned', 'Nobody.', 'GENERAL', array['IN_APP'],
				        cast(? as jsonb), 'SCHEDULED', now(), now())""")
			.params(id, "{\"schoolIds\": [\"%s\"], \"filters\": {\"retiredFilter\": [\"x\"]}}".formatted(lincoln)).update();

		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select status from messaging.announcement where id = ?")
			.param(id).query(String.class).single().equals("FAILED"));
		assertThat(jdbc.sql("select release_attempts from messaging.announcement where id = ?").param(id).query(Integer.class)
			.single()).as("tried a bounded number of times, waiting longer each time").isEqualTo(3);
		mvc.perform(get("/api/v1/announcements/{id}", id).with(ADMIN)).andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.releaseError").value(containsString("retiredFilter")));
		mvc.perform(get("/announcements/{id}", id).with(ADMIN)).andExpect(status().isOk())
			.andExpect(content().string(containsString("This announcement could not be sent")))
			.andExpect(content().string(containsString("No audience filter is called retiredFilter")));
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AnnouncementReleaseTransactions releases;

	/**
	 * Released now, as the worker would, with every delivery held for a day in the same transaction:
	 * the running worker cannot hand any off before the test has changed the world under it.
	 */
	private void releasedButNotYetDue(UUID announcement) {
		transactions.executeWithoutResult(status -> {
			releases.release(announcement);
			jdbc.sql("update messaging.delivery set next_attempt_at = now() + interval '1 day' where announcement_id = ?")
				.param(announcement).update();
		});
	}

	/** Another module's filter, as attendance will add one: here, students by family name. */
	@TestConfiguration
	static class AFilterFromAnotherModule {

		@Bean
		AudienceFilter familyName() {
			return new AudienceFilter() {

				@Override
				public String name() {
					return "familyName";
				}

				@Override
				public AudienceQuery.Condition condition(Set<String> values) {
					return new AudienceQuery.Condition("s.family_name in (:familyNameValues)", Map.of("familyNameValues", values));
				}
			};
		}
	}

	@Test
	void anotherModulesFilterNarrowsTheAudienceAndAnUnknownFilterIsNamedAsBadInput() throws Exception {
		UUID quill = given.student("Ada", "Quill", "07");
		given.enrol(quill, lincoln, districtClock.today().minusMonths(1), null);
		guardianWithEmail("Rosa", "rosa9@family.example", quill);
		guardianWithEmail("Hana", "hana9@family.example", pupil("Noor"));

		mvc.perform(post("/api/v1/announcements/preview").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"audience": {"schoolIds": ["%s"], "filters": {"familyName": ["Quill"]}}, "category": "GENERAL",
				 "channels": ["EMAIL"]}""".formatted(lincoln)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.guardians").value(1));
		mvc.perform(post("/api/v1/announcements/preview").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"audience": {"schoolIds": ["%s"], "filters": {"rsvp": ["YES"]}}, "category": "GENERAL",
				 "channels": ["EMAIL"]}""".formatted(lincoln)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("audience.filters.rsvp"));
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
		Districts.GuardianSteps guardian = given.aGuardian(name).reachableByEmail(email);
		for (UUID child : children) {
			guardian.ofStudent(child).withEducationalRights();
		}
		return guardian.id();
	}

	private RequestPostProcessor familyOf(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}

	private UUID announce(String body) throws Exception {
		String created = mvc.perform(post("/api/v1/announcements").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(json.readTree(created).get("id").asString());
	}

	/** The inbox names the child, so the family's read is in the access log (written after commit). */
	private void awaitLogged(UUID student, String what) throws InterruptedException {
		String count = "select count(*) from privacy.access_log where student_id = ? and what = ?";
		for (int tries = 0; tries < 100 && jdbc.sql(count).params(student, what).query(Integer.class).single() == 0; tries++) {
			Thread.sleep(50);
		}
		assertThat(jdbc.sql(count).params(student, what).query(Integer.class).single()).isEqualTo(1);
	}

	private void awaitStatus(UUID announcement, String status, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = ?")
			.params(announcement, status).query(Integer.class).single() == count);
	}
}
