package org.homeroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;

import org.homeroom.accounts.MovableClock;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Districts;
import org.homeroom.directory.DistrictClock;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The Honolulu test: the server runs in UTC and the district is in Hawaii. At 08:30 UTC on Monday
 * 7 December it is still Sunday 6 December, 10:30 PM in Honolulu, so a page says "today" of what
 * happened on the 6th in Honolulu and prints Honolulu's hours, whatever the server's own zone says;
 * and it is Honolulu's night, so quiet hours hold back all but urgent news.
 * The zone is set as a district sets it, by HOMEROOM_TIME_ZONE (the test configuration says UTC).
 */
@IntegrationTest
@Import(MovableClock.Replacing.class)
@TestPropertySource(properties = "homeroom.directory.time-zone=Pacific/Honolulu")
class DistrictTimesOnPagesIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-12-07T08:30:00Z");

	/** Sunday 10 PM in Honolulu; Monday 8 AM in UTC. */
	private static final Instant SUNDAY_EVENING = Instant.parse("2026-12-07T08:00:00Z");

	/** Sunday 2 AM in Honolulu; Sunday noon, "yesterday", in UTC. */
	private static final Instant SUNDAY_NIGHT = Instant.parse("2026-12-06T12:00:00Z");

	/** Saturday 11 PM in Honolulu; Sunday 9 AM in UTC. */
	private static final Instant SATURDAY_NIGHT = Instant.parse("2026-12-06T09:00:00Z");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	MovableClock clock;

	TimeZone serverZone;

	Optional<String> recordedZone;

	@BeforeEach
	void aServerInUtc() {
		serverZone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
		recordedZone = jdbc.sql("select time_zone from directory.district").query(String.class).optional();
	}

	@AfterEach
	void putTheClocksBack() {
		TimeZone.setDefault(serverZone);
		clock.reset();
		recordedZone.ifPresentOrElse(
				zone -> jdbc.sql("update directory.district set time_zone = ?").param(zone).update(),
				() -> jdbc.sql("delete from directory.district").update());
		districtClock.forget();
	}

	@Test
	void theAccessLogPrintsHonolulusHoursAndItsToday() throws Exception {
		String reader = "reader." + UUID.randomUUID() + "@district.test";
		for (Instant at : List.of(SUNDAY_EVENING, SUNDAY_NIGHT, SATURDAY_NIGHT)) {
			jdbc.sql("""
					insert into privacy.access_log (id, actor, what, purpose, student_count, at)
					values (gen_random_uuid(), ?, 'student.search', 'page', 1, ?)""")
				.params(reader, Timestamp.from(at)).update();
		}
		inHonolulu();
		RequestPostProcessor admin = user("admin.honolulu@district.test").roles("DISTRICT_ADMIN");

		Document log = page(get("/access-log").param("reader", reader), admin);

		assertThat(log.select("main tbody tr td:eq(0)").eachText()).containsExactly("today 10:00 PM", "today 2:00 AM",
				"yesterday 11:00 PM");
		assertThat(log.select("main tbody tr td:eq(0) time").eachAttr("datetime")).containsExactly(
				"2026-12-06T22:00-10:00", "2026-12-06T02:00-10:00", "2026-12-05T23:00-10:00");
		Document inSpanish = page(get("/access-log").param("reader", reader).param("lang", "es"), admin);
		assertThat(inSpanish.select("main tbody tr td:eq(0)").eachText()).containsExactly("hoy 22:00", "hoy 2:00",
				"ayer 23:00");
		Document sunday = page(get("/access-log").param("reader", reader).param("from", "2026-12-06")
			.param("until", "2026-12-06"), admin);
		assertThat(sunday.select("main tbody tr")).as("Honolulu's Sunday").hasSize(2);
	}

	@Test
	void theInboxPrintsHonolulusHoursAndItsToday() throws Exception {
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Kailua Middle " + UUID.randomUUID().toString().substring(0, 8));
		UUID keola = given.student("Keola", "07");
		given.enrol(keola, school, districtClock.today().minusMonths(1), null);
		UUID leilani = given.aGuardian("Leilani").ofStudent(keola).withEducationalRights()
			.reachableByEmail("leilani." + UUID.randomUUID() + "@family.example").id();
		RequestPostProcessor family = familyOf(leilani);
		UUID evening = sent(keola, "Evening news");
		UUID night = sent(keola, "Night news");
		UUID saturday = sent(keola, "Saturday news");
		sentAt(evening, SUNDAY_EVENING);
		sentAt(night, SUNDAY_NIGHT);
		sentAt(saturday, SATURDAY_NIGHT);
		inHonolulu();

		Document inbox = page(get("/messages"), family);

		assertThat(inbox.select(".message-list time").eachText()).containsExactly("today 10:00 PM", "today 2:00 AM",
				"yesterday 11:00 PM");
	}

	@Test
	void quietHoursAreHonolulusNightNotTheServers() throws Exception {
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Hilo Elementary " + UUID.randomUUID().toString().substring(0, 8));
		UUID kai = given.student("Kai", "03");
		given.enrol(kai, school, districtClock.today().minusMonths(1), null);
		given.aGuardian("Malia").ofStudent(kai).withEducationalRights()
			.reachableByEmail("malia." + UUID.randomUUID() + "@family.example");
		inHonolulu();

		UUID general = announce(kai, "Field trip", "GENERAL");
		UUID urgent = announce(kai, "School closed", "URGENT");

		// 08:30 UTC is 22:30 on Sunday in Honolulu, inside quiet hours (21:00 to 07:00): the news
		// waits for 07:00 on Monday there, which is 17:00 UTC; on the server's own clock it would
		// have gone at once.
		assertThat(firstAttempt(general)).isEqualTo(Instant.parse("2026-12-07T17:00:00Z"));
		assertThat(firstAttempt(urgent)).isBetween(NOW.minusSeconds(1), NOW.plus(Duration.ofMinutes(1)));
	}

	private UUID announce(UUID student, String subject, String category) throws Exception {
		RequestPostProcessor admin = user("sender.honolulu@district.test").roles("DISTRICT_ADMIN");
		String created = mvc.perform(post("/api/v1/announcements").with(admin).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "subject": "%s", "body": "Aloha.",
					 "category": "%s", "channels": ["IN_APP"]}""".formatted(student, subject, category)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(created.replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
	}

	/** When the announcement's one delivery was first due, once the worker has released it. */
	private Instant firstAttempt(UUID announcement) {
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ?")
			.param(announcement).query(Integer.class).single() == 1);
		return jdbc.sql("select min(next_attempt_at) from messaging.delivery where announcement_id = ?")
			.param(announcement).query(Timestamp.class).single().toInstant().truncatedTo(ChronoUnit.SECONDS);
	}

	/** The district in Honolulu and the clock at {@link #NOW}. */
	private void inHonolulu() {
		if (recordedZone.isPresent()) {
			jdbc.sql("update directory.district set time_zone = 'Pacific/Honolulu'").update();
		}
		else {
			jdbc.sql("insert into directory.district (id, name, time_zone) values (?, 'Honolulu', 'Pacific/Honolulu')")
				.param(UUID.randomUUID()).update();
		}
		districtClock.forget();
		clock.advance(Duration.between(Instant.now(), NOW));
	}

	/** An urgent in-app message to the student's family, delivered. */
	private UUID sent(UUID student, String subject) throws Exception {
		UUID announcement = announce(student, subject, "URGENT");
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(announcement).query(Integer.class).single() == 1);
		return announcement;
	}

	private void sentAt(UUID announcement, Instant at) {
		jdbc.sql("update messaging.delivery set sent_at = ? where announcement_id = ?")
			.params(Timestamp.from(at), announcement).update();
	}

	private RequestPostProcessor familyOf(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor viewer) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(viewer)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}
}
