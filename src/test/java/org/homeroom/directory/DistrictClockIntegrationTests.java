package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.platform.DemoSettings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The district's clock in a district whose server fixes the zone (the tests' configuration fixes
 * UTC): the setting wins over the recorded zone, and the Administration page shows it without a form.
 */
@IntegrationTest
class DistrictClockIntegrationTests {

	/** Eight in the morning in UTC: still the day before in Honolulu, already this day in Chicago. */
	static final Clock MORNING = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	MockMvc mvc;

	@Test
	void theServersSettingWinsOverTheRecordedZone() {
		inADistrictRecordedIn("America/Chicago", () -> {
			DistrictClock fixed = new DistrictClock(jdbc, MORNING, settings("Pacific/Honolulu"), notDemo());
			DistrictClock recorded = new DistrictClock(jdbc, MORNING, settings(""), notDemo());

			assertThat(fixed.zone()).isEqualTo(ZoneId.of("Pacific/Honolulu"));
			assertThat(fixed.today()).isEqualTo(LocalDate.of(2026, 2, 28));
			assertThat(fixed.fixedByServer()).isTrue();
			assertThat(recorded.zone()).isEqualTo(ZoneId.of("America/Chicago"));
			assertThat(recorded.today()).isEqualTo(LocalDate.of(2026, 3, 1));
			assertThat(recorded.fixedByServer()).isFalse();
		});
	}

	@Test
	void anAdministratorCannotChangeAZoneTheServerFixes() {
		inADistrictRecordedIn("America/Chicago", () -> {
			DistrictClock fixed = new DistrictClock(jdbc, MORNING, settings("Pacific/Honolulu"), notDemo());

			assertThatThrownBy(() -> fixed.changeZone(Viewer.districtAdministrator(), ZoneId.of("Europe/Madrid")))
				.hasMessageContaining("HOMEROOM_TIME_ZONE");
			assertThat(recordedZone()).isEqualTo("America/Chicago");
		});
	}

	@Test
	void aNameThatIsNoIanaZoneIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> settings("Mars/Olympus_Mons")).hasMessageContaining("HOMEROOM_TIME_ZONE")
			.hasMessageContaining("Mars/Olympus_Mons");
		assertThatThrownBy(() -> settings("+05:00")).hasMessageContaining("HOMEROOM_TIME_ZONE");
		assertThat(settings(" Pacific/Honolulu ").fixedZone()).contains(ZoneId.of("Pacific/Honolulu"));
		assertThat(settings(null).fixedZone()).isEmpty();
	}

	@Test
	void withNoZoneSetAndNoneRecordedOnlyTheDemoMayStart() {
		inADistrictRecordedIn(null, () -> {
			assertThatThrownBy(() -> new DistrictClock(jdbc, MORNING, settings(""), notDemo()).afterSingletonsInstantiated())
				.hasMessageContaining("HOMEROOM_TIME_ZONE");
			new DistrictClock(jdbc, MORNING, settings(""), new DemoSettings(true)).afterSingletonsInstantiated();
			new DistrictClock(jdbc, MORNING, settings("America/Chicago"), notDemo()).afterSingletonsInstantiated();
		});
		inADistrictRecordedIn("America/Chicago",
				() -> new DistrictClock(jdbc, MORNING, settings(""), notDemo()).afterSingletonsInstantiated());
	}

	@Test
	void theAdministrationPageShowsAZoneTheServerFixesWithoutAForm() throws Exception {
		String page = mvc.perform(get("/admin/time-zone").with(user("admin@district.test").roles("DISTRICT_ADMIN")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		Document document = Jsoup.parse(page);
		assertThat(document.text()).contains("UTC", "HOMEROOM_TIME_ZONE");
		assertThat(document.select("form select[name=timeZone]")).isEmpty();
	}

	@Test
	void aPostToAZoneTheServerFixesIsRefused() throws Exception {
		mvc.perform(post("/admin/time-zone").param("timeZone", "Europe/Madrid")
			.with(user("admin@district.test").roles("DISTRICT_ADMIN")).with(csrf())).andExpect(status().isBadRequest());
	}

	/** Runs the check against a district recorded in the zone (or none), and leaves the database as it was. */
	private void inADistrictRecordedIn(String zone, Runnable check) {
		transaction.executeWithoutResult(status -> {
			jdbc.sql("delete from directory.district").update();
			if (zone != null) {
				jdbc.sql("insert into directory.district (id, name, time_zone) values (?, 'Test district', ?)")
					.params(UUID.randomUUID(), zone).update();
			}
			try {
				check.run();
			}
			finally {
				status.setRollbackOnly();
			}
		});
	}

	private String recordedZone() {
		return jdbc.sql("select time_zone from directory.district").query(String.class).single();
	}

	private static DirectorySettings settings(String timeZone) {
		return new DirectorySettings("US", timeZone);
	}

	private static DemoSettings notDemo() {
		return new DemoSettings(false);
	}
}
