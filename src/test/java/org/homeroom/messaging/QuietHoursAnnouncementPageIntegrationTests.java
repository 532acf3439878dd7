package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.accounts.MovableClock;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An announcement sent at 23:00 in Honolulu, inside the default quiet hours (21:00 to 07:00 in the
 * district's zone; the other messaging tests turn them off). It is 09:00 the next day in UTC, so a
 * page that read the hours in the server's zone would show no wait. A non-urgent announcement waits
 * and its page says until when, in the district's zone and the reader's language; its badge, on its
 * page and in the announcements list, says "Sending", not "Sent". An urgent one goes at once and
 * then says "Sent" in both.
 */
@IntegrationTest(properties = "homeroom.directory.time-zone=Pacific/Honolulu")
@Import(MovableClock.Replacing.class)
class QuietHoursAnnouncementPageIntegrationTests {

	static final ZoneId HONOLULU = ZoneId.of("Pacific/Honolulu");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	MovableClock clock;

	Districts given;

	UUID lincoln;

	RequestPostProcessor teacher;

	@BeforeEach
	void elevenAtNightInHonolulu() {
		// The last 23:00 in Honolulu before now: in the past, so the worker releases what is due.
		ZonedDateTime now = ZonedDateTime.now(HONOLULU);
		ZonedDateTime eleven = now.with(LocalTime.of(23, 0));
		if (eleven.isAfter(now)) {
			eleven = eleven.minusDays(1);
		}
		clock.advance(Duration.between(Instant.now(), eleven.toInstant()));

		given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		lincoln = given.school("Lincoln Middle " + run);
		UUID maya = given.student("Maya", "07");
		given.enrol(maya, lincoln, districtClock.today().minusMonths(1), null);
		given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail("rosa." + run + "@family.example");
		UUID lee = given.staff("Ms Lee", "lee." + run + "@lincoln.test");
		given.assign(lee, lincoln, "TEACHER");
		UUID section = given.aSection("Maths 7").at(lincoln).taughtBy(lee).id();
		given.enrolInSection(section, maya, districtClock.today().minusDays(10), null);
		teacher = user("lee." + run + "@lincoln.test").roles("TEACHER");
	}

	@AfterEach
	void backToNow() {
		clock.reset();
	}

	@Test
	void aGeneralAnnouncementWaitsForQuietHoursToEndInTheDistrictsZone() throws Exception {
		String page = send("GENERAL");
		awaitReleased(page);
		assertThat(jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and status = 'QUEUED'")
			.param(idOf(page)).query(Integer.class).single()).as("Rosa's message waits").isEqualTo(1);

		Document english = open(page, "en");
		assertThat(english.select("#progress").text()).isEqualTo("Waiting for quiet hours to end at 7:00 AM.");
		assertThat(english.select("#announcement-status").text()).isEqualTo("Sending");

		Document spanish = open(page, "es");
		assertThat(spanish.select("#progress").text())
			.isEqualTo("Esperando a que terminen las horas de descanso, a las 7:00.");
		assertThat(spanish.select("#announcement-status").text()).isEqualTo("Enviando");
		assertThat(listBadge(page, "en")).as("the list agrees with the page").isEqualTo("Sending");
		assertThat(listBadge(page, "es")).isEqualTo("Enviando");
	}

	@Test
	void anUrgentAnnouncementDoesNotWaitAndSaysSentOnceDelivered() throws Exception {
		String page = send("URGENT");
		awaitReleased(page);
		UUID id = idOf(page);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) = 1 from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(id).query(Boolean.class).single());
		assertThat(jdbc.sql(
				"select count(*) = 0 from messaging.delivery where announcement_id = ? and status in ('QUEUED', 'SENDING')")
			.param(id).query(Boolean.class).single()).isTrue();

		Document english = open(page, "en");
		assertThat(english.select("#progress").text()).isEqualTo("Sent.");
		assertThat(english.select("#announcement-status").text()).isEqualTo("Sent");
		assertThat(listBadge(page, "en")).as("the list agrees with the page").isEqualTo("Sent");
	}

	private String send(String category) throws Exception {
		MockHttpServletResponse sent = mvc.perform(post("/announcements/new").with(csrf()).with(teacher)
				.param("schoolIds", lincoln.toString()).param("category", category).param("channels", "IN_APP")
				.param("subject", "Bus times").param("body", "The buses leave at 15:10.").param("action", "send"))
			.andReturn().getResponse();
		assertThat(sent.getRedirectedUrl()).matches("/announcements/[0-9a-f-]{36}");
		return sent.getRedirectedUrl();
	}

	private static UUID idOf(String page) {
		return UUID.fromString(page.substring(page.lastIndexOf('/') + 1));
	}

	private void awaitReleased(String page) {
		UUID id = idOf(page);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select status from messaging.announcement where id = ?")
			.param(id).query(String.class).single().equals("RELEASED"));
	}

	/** The status badge in the row of the announcements list that links to this announcement. */
	private String listBadge(String page, String language) throws Exception {
		return open("/announcements", language).select("tr:has(a[href=" + page + "]) .badge").text();
	}

	private Document open(String page, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get(page).with(teacher).param("lang", language)).andReturn().getResponse()
			.getContentAsString());
	}
}
