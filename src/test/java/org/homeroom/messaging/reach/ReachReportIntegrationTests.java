package org.homeroom.messaging.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.AnnouncementRequest;
import org.homeroom.messaging.Announcements;
import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;
import org.homeroom.messaging.translated.LoopbackLibreTranslate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The reach report over a small district: Harbor, whose guardians prefer English, Spanish, Arabic
 * and Somali (one more, Vietnamese, has no usable contact), and Bay, with one Spanish family. A
 * loopback LibreTranslate serves Spanish and Arabic; Somali is routed to no engine, so the Somali
 * family gets the original with the interpreter line. The report, read as a person reads the
 * page, counts who was reached, in their language or not, and who was not reached at all; a school
 * administrator sees their own school only, and the other roles are refused.
 */
@IntegrationTest(properties = { "homeroom.messaging.quiet-hours-start=00:00", "homeroom.messaging.quiet-hours-end=00:00" })
class ReachReportIntegrationTests {

	private static final LoopbackLibreTranslate libre = LoopbackLibreTranslate.start();

	private static final RequestPostProcessor DISTRICT_ADMIN = user("reach.admin@district.test").roles("DISTRICT_ADMIN");

	@DynamicPropertySource
	static void spanishAndArabicByLibreTranslate(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", libre::url);
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, ar=libretranslate");
	}

	@AfterAll
	static void stop() {
		libre.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	Directory directory;

	@Autowired
	Announcements announcements;

	private Districts given;

	private String run;

	private UUID harbor;

	private UUID bay;

	private RequestPostProcessor principal;

	private final Map<String, UUID> guardians = new LinkedHashMap<>();

	@BeforeEach
	void aDistrictOfSeveralLanguages() {
		given = Districts.in(jdbc);
		run = UUID.randomUUID().toString().substring(0, 8);
		harbor = given.school("Harbor Elementary " + run);
		bay = given.school("Bay Middle " + run);
		for (String language : List.of("en", "es", "ar", "so")) {
			UUID child = given.aStudent("Kid" + language).inGrade("03").enrolledAt(harbor, districtClock.today().minusMonths(1)).id();
			guardians.put(language, given.aGuardian("Parent" + language, "Family" + run).ofStudent(child).withEducationalRights()
				.reachableByEmail(language + "." + run + "@family.example").speaking(language).id());
		}
		UUID unreachable = given.aStudent("Kidvi").inGrade("03").enrolledAt(harbor, districtClock.today().minusMonths(1)).id();
		guardians.put("vi", given.aGuardian("Parentvi", "Family" + run).ofStudent(unreachable).withEducationalRights()
			.speaking("vi").id());
		UUID atBay = given.aStudent("Kidbay").inGrade("07").enrolledAt(bay, districtClock.today().minusMonths(1)).id();
		guardians.put("bay-es", given.aGuardian("Parentbay", "Family" + run).ofStudent(atBay).withEducationalRights()
			.reachableByEmail("bay." + run + "@family.example").speaking("es-MX").id());
		String principalEmail = "principal." + run + "@district.test";
		given.assign(given.staff("Principal", principalEmail), harbor, "SCHOOL_ADMIN");
		principal = user(principalEmail).roles("SCHOOL_ADMIN");
	}

	@Test
	void theReportCountsWhoWasReachedAndInWhatVersionByFamilyLanguage() throws Exception {
		UUID first = released(Set.of(harbor, bay), "School closes early");
		// A reviewer approved the Arabic text of this one (the review itself is the translation module's).
		jdbc.sql("update messaging.announcement_translation set kind = 'REVIEWED', engine = null where announcement_id = ? and language = 'ar'")
			.param(first).update();

		Document page = page(DISTRICT_ADMIN, "/reports/reach?lang=en&school=" + harbor);

		assertThat(page.select("h1").text()).isEqualTo("Reach");
		assertThat(page.select("#reach-empty")).isEmpty();
		Element table = page.selectFirst("#reach-by-language");
		assertThat(cell(table, "en", "ORIGINAL")).isEqualTo("1 (100%)");
		assertThat(cell(table, "es", "MACHINE")).isEqualTo("1 (100%)");
		assertThat(cell(table, "ar", "REVIEWED")).isEqualTo("1 (100%)");
		assertThat(cell(table, "ar", "MACHINE")).isEqualTo("0 (0%)");
		assertThat(cell(table, "so", "UNTRANSLATED")).as("Somali is routed to no engine").isEqualTo("1 (100%)");
		assertThat(cell(table, "so", "in-their-language")).isEqualTo("0 (0%)");
		assertThat(cell(table, "vi", "no-contact")).as("the family with no contact").isEqualTo("1 (100%)");
		assertThat(cell(table, "vi", "reached")).isEqualTo("0 (0%)");
		assertThat(cell(table, "vi", "not-reached")).isEqualTo("1 (100%)");
		assertThat(table.select("#reach-who tr[data-language=so] th").text()).isEqualTo("Somali");
		assertThat(table.select("tr[data-language=bay-es]")).isEmpty();
		// Five guardians at Harbor: four reached, three of them in their language, one not reached.
		assertThat(cell(table, "", "guardians")).isEqualTo("5");
		assertThat(cell(table, "", "reached")).isEqualTo("4 (80%)");
		assertThat(cell(table, "", "in-their-language")).isEqualTo("3 (75%)");
		assertThat(cell(table, "", "UNTRANSLATED")).isEqualTo("1 (25%)");
		assertThat(cell(table, "", "not-reached")).isEqualTo("1 (20%)");
		assertThat(page.select("#reach-by-school")).as("one school chosen: no table by school").isEmpty();
	}

	@Test
	void aGuardianWhoReceivedSeveralIsCountedByTheWeakestVersionAndTheDistrictSeesEachSchool() throws Exception {
		UUID first = released(Set.of(harbor, bay), "School closes early");
		UUID second = released(Set.of(harbor), "Picture day");
		jdbc.sql("update messaging.announcement_translation set kind = 'CURATED', engine = null where announcement_id = ? and language like 'es%'")
			.param(first).update();

		Document page = page(DISTRICT_ADMIN, "/reports/reach?lang=en");

		Element bySchool = page.selectFirst("table#reach-by-school");
		assertThat(bySchool.select("tr[data-school=" + harbor + "] td[data-column=guardians]").text()).isEqualTo("5");
		assertThat(bySchool.select("tr[data-school=" + harbor + "] td[data-column=reached]").text()).isEqualTo("4 (80%)");
		assertThat(bySchool.select("tr[data-school=" + harbor + "] td[data-column=in-their-language]").text()).isEqualTo("3 (60%)");
		assertThat(bySchool.select("tr[data-school=" + bay + "] td[data-column=guardians]").text()).isEqualTo("1");
		assertThat(bySchool.select("tr[data-school=" + bay + "] td[data-column=in-their-language]").text()).isEqualTo("1 (100%)");

		Element harborOnly = page(DISTRICT_ADMIN, "/reports/reach?lang=en&school=" + harbor).selectFirst("#reach-by-language");
		assertThat(cell(harborOnly, "es", "CURATED")).as("curated in one, machine-translated in the other: counted as machine")
			.isEqualTo("0 (0%)");
		assertThat(cell(harborOnly, "es", "MACHINE")).isEqualTo("1 (100%)");
		Element bayOnly = page(DISTRICT_ADMIN, "/reports/reach?lang=en&school=" + bay).selectFirst("#reach-by-language");
		assertThat(cell(bayOnly, "es", "CURATED")).as("es-MX counts as Spanish, and had only the curated one").isEqualTo("1 (100%)");
		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void aSchoolAdministratorSeesTheirSchoolOnlyAndThePeriodDecidesWhatCounts() throws Exception {
		UUID first = released(Set.of(harbor, bay), "School closes early");

		Document page = page(principal, "/reports/reach?lang=en");
		assertThat(page.select("#school")).as("one school: nothing to choose").isEmpty();
		assertThat(page.text()).contains("School: Harbor Elementary " + run);
		assertThat(cell(page.selectFirst("#reach-by-language"), "", "guardians")).isEqualTo("5");
		assertThat(page.select("#reach-by-school")).isEmpty();
		mvc.perform(get("/reports/reach").param("school", bay.toString()).with(principal)).andExpect(status().isNotFound());

		// Released 40 days ago: outside the last 30 days, inside the last 90.
		jdbc.sql("update messaging.announcement set released_at = released_at - interval '40 days' where id = ?").param(first).update();
		Document lastMonth = page(principal, "/reports/reach?lang=en");
		assertThat(lastMonth.select("#reach-empty h2").text()).isEqualTo("No announcements in this period");
		assertThat(page(principal, "/reports/reach?lang=en&days=90").select("#reach-empty")).isEmpty();
		assertThat(lastMonth.select("#days option[selected]").text()).isEqualTo("Last 30 days");
		assertThat(lastMonth.select("#reach-period").text()).as("human dates, never ISO").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
			.contains(String.valueOf(districtClock.today().getYear()));

		String csv = mvc.perform(get("/reports/reach.csv").param("days", "90").param("lang", "en").with(principal))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(csv.lines().toList()).startsWith("Family language,Guardians,No contact,Reached,In their language,"
				+ "Original,Curated,Reviewed,Machine,"
				+ "Untranslated,Not reached").contains("Somali,1,0,1,0,0,0,0,0,1,0", "All languages,5,1,4,3,1,0,0,2,1,1");
	}

	@Test
	void aFamilyOfTwoSchoolsCountsAtEachAndOneKeptFromContactOrWhoseChildLeftNotAtAll() throws Exception {
		LocalDate monthAgo = districtClock.today().minusMonths(1);
		UUID older = given.aStudent("Kidpt").inGrade("08").enrolledAt(bay, monthAgo).id();
		UUID younger = given.aStudent("Kidpt2").inGrade("02").enrolledAt(harbor, monthAgo).id();
		given.aGuardian("Parentpt", "Family" + run).ofStudent(older).withEducationalRights()
			.reachableByEmail("pt." + run + "@family.example").speaking("pt-BR").ofStudent(younger).withEducationalRights();
		UUID kept = given.aStudent("Kidht").inGrade("03").enrolledAt(harbor, monthAgo).id();
		given.aGuardian("Parentht", "Family" + run).ofStudent(kept).withEducationalRights()
			.reachableByEmail("ht." + run + "@family.example").speaking("ht").underRestriction("NO_CONTACT", monthAgo);
		UUID departed = given.aStudent("Kidzh").inGrade("03").id();
		given.enrol(departed, harbor, districtClock.today().minusMonths(6), districtClock.today().minusDays(1));
		given.aGuardian("Parentzh", "Family" + run).ofStudent(departed).withEducationalRights()
			.reachableByEmail("zh." + run + "@family.example").speaking("zh");
		released(Set.of(harbor, bay), "Snow day");

		Document harborPage = page(DISTRICT_ADMIN, "/reports/reach?lang=en&school=" + harbor);
		Element harborOnly = harborPage.selectFirst("#reach-by-language");
		assertThat(cell(harborOnly, "pt", "guardians")).as("a child enrolled at Harbor today").isEqualTo("1");
		assertThat(harborOnly.select("tr[data-language=ht]")).as("kept from contacting their only child").isEmpty();
		assertThat(harborOnly.select("tr[data-language=zh]")).as("their child left Harbor yesterday").isEmpty();
		assertThat(cell(harborOnly, "", "guardians")).isEqualTo("6");

		Document district = page(DISTRICT_ADMIN, "/reports/reach?lang=en");
		Element bySchool = district.selectFirst("table#reach-by-school");
		assertThat(bySchool.select("tr[data-school=" + harbor + "] td[data-column=guardians]").text()).isEqualTo("6");
		assertThat(bySchool.select("tr[data-school=" + bay + "] td[data-column=guardians]").text())
			.as("the Portuguese family counts at both schools").isEqualTo("2");
		assertThat(bySchool.select("tr[data-school=" + bay + "] td[data-column=reached]").text()).isEqualTo("2 (100%)");
	}

	@Test
	void onlyAdministratorsMayReadIt() throws Exception {
		mvc.perform(get("/reports/reach").with(user("teacher." + run + "@district.test").roles("TEACHER")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/reports/reach").with(user("counsellor." + run + "@district.test").roles("COUNSELOR")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/reports/reach.csv").with(user("family:" + run).roles("FAMILY"))).andExpect(status().isForbidden());
		// A school administrator's account with no school on the staff list.
		mvc.perform(get("/reports/reach").with(user("nowhere." + run + "@district.test").roles("SCHOOL_ADMIN")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/reports/reach").param("days", "14").with(DISTRICT_ADMIN)).andExpect(status().isBadRequest());
	}

	/** An announcement by the district administrator to the schools' families, in the app, once delivered. */
	private UUID released(Set<UUID> schools, String subject) {
		UUID id = announcements.create(directory.viewerOf("reach.admin@district.test", Set.of("DISTRICT_ADMIN")),
				new AnnouncementRequest(new AudienceCriteria(false, schools, null, null, null, null, null), subject + " " + run,
						"Dear {guardianName}, the school will close at noon tomorrow.", Category.URGENT, Set.of(Channel.IN_APP), null),
				null).announcement().id();
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select a.status = 'RELEASED' and not exists (select 1 from messaging.delivery d where d.announcement_id = a.id
				                                             and d.status in ('QUEUED', 'SENDING'))
				from messaging.announcement a where a.id = ?""").param(id).query(Boolean.class).single());
		return id;
	}

	private Document page(RequestPostProcessor reader, String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(reader)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	private static String cell(Element table, String language, String column) {
		String row = language.isEmpty() ? "tr.total" : "tr[data-language=" + language + "]";
		return table.select(row + " td[data-column=" + column + "]").text();
	}
}
