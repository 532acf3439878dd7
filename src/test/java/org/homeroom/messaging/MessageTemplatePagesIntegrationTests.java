package org.homeroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The saved-template pages as staff use them: a school's list, found and paged; the form with its
 * errors beside the fields; a delete that asks first; "Save as template" from a new announcement;
 * and nobody else's school's templates, nor any for a family.
 */
@IntegrationTest
class MessageTemplatePagesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	Districts given;

	String run;

	UUID lincoln;

	UUID oak;

	RequestPostProcessor lincolnTeacher;

	RequestPostProcessor oakTeacher;

	RequestPostProcessor admin;

	@BeforeEach
	void twoSchoolsAndTheirTeachers() {
		given = Districts.in(jdbc);
		run = UUID.randomUUID().toString().substring(0, 8);
		lincoln = given.school("Lincoln Middle " + run);
		oak = given.school("Oak Elementary " + run);
		given.assign(given.staff("Lina", "lina." + run + "@lincoln.test"), lincoln, "TEACHER");
		given.assign(given.staff("Omar", "omar." + run + "@oak.test"), oak, "TEACHER");
		lincolnTeacher = user("lina." + run + "@lincoln.test").roles("TEACHER");
		oakTeacher = user("omar." + run + "@oak.test").roles("TEACHER");
		admin = user("pages.admin@district.test").roles("DISTRICT_ADMIN");
	}

	@AfterEach
	void cleanUp() {
		jdbc.sql("delete from messaging.message_template where school_id in (?, ?) or name like ?")
			.params(lincoln, oak, "%" + run + "%").update();
	}

	@Test
	void theListShowsASchoolsTemplatesFoundByNameOrSubjectTwentyFiveAPage() throws Exception {
		for (int i = 1; i <= 27; i++) {
			template(lincoln, "Trip %s-%02d".formatted(run, i), "Trip reminder");
		}
		template(lincoln, "Picture day " + run, "Smile at {school}");
		template(oak, "Oak trip " + run, "Oak trip reminder");

		Document first = page(get("/announcements/templates").param("q", run + "-"), lincolnTeacher);
		assertThat(first.select("tbody tr")).hasSize(25);
		assertThat(first.select("tbody tr a").first().text()).isEqualTo("Trip " + run + "-01");
		assertThat(first.select("tbody a[href$=/announcements/templates/" + id("Trip " + run + "-01") + "]")).hasSize(1);
		assertThat(first.select("select#schoolId")).as("one school, nothing to choose").isEmpty();
		String next = first.select("a[rel=next]").attr("href");
		assertThat(next).contains("q=" + run).contains("page=1");

		Document second = page(get(next), lincolnTeacher);
		assertThat(second.select("tbody tr")).extracting(row -> row.select("td").first().text())
			.containsExactly("Trip " + run + "-26", "Trip " + run + "-27");

		Document bySubject = page(get("/announcements/templates").param("q", "SMILE AT"), lincolnTeacher);
		assertThat(bySubject.select("tbody tr td:first-child")).extracting(cell -> cell.text()).contains("Picture day " + run);
		assertThat(bySubject.text()).doesNotContain("Oak trip");
	}

	@Test
	void staffOfSeveralSchoolsAndTheDistrictChooseTheSchool() throws Exception {
		String both = "bea." + run + "@both.test";
		UUID bea = given.staff("Bea", both);
		given.assign(bea, lincoln, "COUNSELOR");
		given.aSection("Maths 7").at(oak).taughtBy(bea);
		template(lincoln, "Lincoln news " + run, "News");
		template(oak, "Oak news " + run, "News");

		RequestPostProcessor counsellor = user(both).roles("COUNSELOR");
		Document lincolnList = page(get("/announcements/templates"), counsellor);
		assertThat(lincolnList.select("select#schoolId option")).extracting(option -> option.text())
			.containsExactly("Lincoln Middle " + run, "Oak Elementary " + run);
		assertThat(lincolnList.text()).contains("Lincoln news " + run).doesNotContain("Oak news");
		assertThat(page(get("/announcements/templates").param("schoolId", oak.toString()), counsellor).text())
			.contains("Oak news " + run).doesNotContain("Lincoln news");
		assertThat(page(get("/announcements/new"), counsellor).select("select#template option"))
			.extracting(option -> option.text()).contains("Lincoln news " + run, "Oak news " + run);

		Document district = page(get("/announcements/templates").param("schoolId", "district"), admin);
		assertThat(district.select("select#schoolId option[selected]").attr("value")).isEqualTo("district");
		assertThat(district.text()).doesNotContain("Lincoln news");
	}

	@Test
	void aListWithNothingInItSaysHowToStart() throws Exception {
		Document empty = page(get("/announcements/templates"), oakTeacher);
		assertThat(empty.select(".empty-state h2").text()).isEqualTo("No saved templates yet");
		assertThat(empty.select("a[href^=/announcements/templates/new]")).hasSize(1);
		Document none = page(get("/announcements/templates").param("q", "nothing like this " + run), oakTeacher);
		assertThat(none.select(".empty-state h2").text()).isEqualTo("No template matches");
	}

	@Test
	void theFormShowsEachErrorBesideItsFieldAndSavesWithAFlash() throws Exception {
		Document errors = page(post("/announcements/templates/new").with(csrf()).param("schoolId", lincoln.toString())
			.param("name", " ").param("category", "GENERAL").param("subject", "Hello {guardianName}")
			.param("body", "Dear {parentName}, see you."), lincolnTeacher);
		assertThat(errors.select("#name ~ .field-error").text()).isEqualTo("This is needed.");
		assertThat(errors.select("#name").attr("aria-invalid")).isEqualTo("true");
		assertThat(errors.select("#subject ~ .field-error")).isEmpty();
		assertThat(errors.select("#body").text()).isEqualTo("Dear {parentName}, see you.");
		assertThat(errors.select("#placeholders-help li code")).extracting(code -> code.text())
			.containsExactly("{guardianName}", "{childName}", "{school}");

		Document placeholder = page(post("/announcements/templates/new").with(csrf()).param("schoolId", lincoln.toString())
			.param("name", "Picture day " + run).param("category", "GENERAL").param("subject", "Hello")
			.param("body", "Dear {parentName}, see you."), lincolnTeacher);
		assertThat(placeholder.select("#body ~ .field-error").text())
			.isEqualTo("Homeroom cannot fill in {parentName}. Use {guardianName}, {childName} or {school}.");

		mvc.perform(post("/announcements/templates/new").with(csrf()).with(lincolnTeacher).param("schoolId", lincoln.toString())
				.param("name", "Picture day " + run).param("category", "EVENT").param("subject", "Picture day")
				.param("body", "Dear {guardianName}, smile!"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/announcements/templates?schoolId=" + lincoln))
			.andExpect(flash().attribute("saved", "Picture day " + run));
		assertThat(jdbc.sql("select category from messaging.message_template where school_id = ? and name = ?")
			.params(lincoln, "Picture day " + run).query(String.class).single()).isEqualTo("EVENT");

		Document taken = page(post("/announcements/templates/new").with(csrf()).param("schoolId", lincoln.toString())
			.param("name", "PICTURE day " + run).param("category", "GENERAL").param("subject", "Again").param("body", "Again"),
				lincolnTeacher);
		assertThat(taken.select("#name ~ .field-error").text()).isEqualTo("This school already has a template with this name.");
	}

	@Test
	void aSchoolThatIsNotThereIsAFieldErrorOnThePageAndABadRequestOnTheApi() throws Exception {
		UUID nowhere = UUID.randomUUID();
		Document page = page(post("/announcements/templates/new").with(csrf()).param("schoolId", nowhere.toString())
			.param("name", "Nowhere " + run).param("category", "GENERAL").param("subject", "Hi").param("body", "Hi"), admin);
		assertThat(page.select("#schoolId ~ .field-error").text()).isEqualTo("Choose one of your schools.");
		Document garbled = page(post("/announcements/templates/new").with(csrf()).param("schoolId", "not-a-school")
			.param("name", "Nowhere " + run).param("category", "GENERAL").param("subject", "Hi").param("body", "Hi"), admin);
		assertThat(garbled.select("#schoolId ~ .field-error").text()).isEqualTo("Choose one of your schools.");

		mvc.perform(post("/api/v1/announcement-templates").with(admin).contentType(MediaType.APPLICATION_JSON).content("""
				{"schoolId": "%s", "name": "Nowhere %s", "category": "GENERAL", "subject": "Hi", "body": "Hi"}"""
			.formatted(nowhere, run)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("schoolId"));
		assertThat(jdbc.sql("select count(*) from messaging.message_template where school_id = ?").param(nowhere)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aTemplateIsChangedOnItsPageAndStaysWithItsSchool() throws Exception {
		UUID id = template(lincoln, "Picture day " + run, "Smile");
		Document form = page(get("/announcements/templates/" + id), lincolnTeacher);
		assertThat(form.select("#name").val()).isEqualTo("Picture day " + run);
		assertThat(form.select("select#schoolId")).as("the school is not a choice once saved").isEmpty();
		assertThat(form.select("a[href$=/delete]")).hasSize(1);

		mvc.perform(post("/announcements/templates/" + id).with(csrf()).with(lincolnTeacher).param("schoolId", oak.toString())
				.param("name", "Picture day " + run).param("category", "GENERAL").param("subject", "Picture day moved")
				.param("body", "Smile, {childName}"))
			.andExpect(redirectedUrl("/announcements/templates?schoolId=" + lincoln))
			.andExpect(flash().attribute("saved", "Picture day " + run));
		assertThat(jdbc.sql("select school_id, subject from messaging.message_template where id = ?").param(id)
			.query((rs, row) -> rs.getObject(1, UUID.class) + " " + rs.getString(2)).single())
			.isEqualTo(lincoln + " Picture day moved");

		Document invalid = page(post("/announcements/templates/" + id).with(csrf()).param("name", "Picture day " + run)
			.param("category", "GENERAL").param("subject", "").param("body", "Smile"), lincolnTeacher);
		assertThat(invalid.select("#subject ~ .field-error").text()).isEqualTo("This is needed.");
	}

	@Test
	void deletingAsksFirstAndOnlyTheConfirmationDeletes() throws Exception {
		UUID id = template(lincoln, "Picture day " + run, "Smile");
		Document confirm = page(get("/announcements/templates/" + id + "/delete"), lincolnTeacher);
		assertThat(confirm.select("h1").text()).isEqualTo("Delete this template?");
		assertThat(confirm.select("main form[method=post]").attr("action")).isEqualTo("/announcements/templates/" + id + "/delete");
		assertThat(exists(id)).as("asking deletes nothing").isTrue();

		MockHttpServletResponse deleted = mvc.perform(post("/announcements/templates/" + id + "/delete").with(csrf())
				.with(lincolnTeacher))
			.andExpect(redirectedUrl("/announcements/templates?schoolId=" + lincoln))
			.andExpect(flash().attribute("deleted", "Picture day " + run))
			.andReturn().getResponse();
		assertThat(exists(id)).isFalse();
		assertThat(page(get(deleted.getRedirectedUrl()).cookie(deleted.getCookie("SESSION")), lincolnTeacher)
			.select(".alert--success").text()).isEqualTo("The template Picture day " + run + " is deleted.");
	}

	@Test
	void anotherSchoolsStaffAndFamiliesCannotReachThem() throws Exception {
		UUID id = template(lincoln, "Picture day " + run, "Smile");
		UUID everyone = template(null, "Everyone " + run, "Hello all");
		RequestPostProcessor family = user("family." + run + "@home.test").roles("FAMILY");

		assertThat(statusOf(get("/announcements/templates"), family)).isEqualTo(403);
		assertThat(statusOf(get("/announcements/templates/new"), family)).isEqualTo(403);
		assertThat(statusOf(get("/announcements/templates/" + id), family)).isEqualTo(403);
		assertThat(statusOf(post("/announcements/templates/" + id + "/delete").with(csrf()), family)).isEqualTo(403);

		assertThat(statusOf(get("/announcements/templates").param("schoolId", lincoln.toString()), oakTeacher)).isEqualTo(404);
		assertThat(statusOf(get("/announcements/templates/" + id), oakTeacher)).isEqualTo(404);
		assertThat(statusOf(get("/announcements/templates/" + id + "/delete"), oakTeacher)).isEqualTo(404);
		assertThat(statusOf(post("/announcements/templates/" + id + "/delete").with(csrf()), oakTeacher)).isEqualTo(404);
		assertThat(statusOf(post("/announcements/templates/" + id).with(csrf()).param("name", "Mine").param("category", "GENERAL")
			.param("subject", "Mine").param("body", "Mine"), oakTeacher)).isEqualTo(404);
		assertThat(exists(id)).isTrue();

		Document lincolnList = page(get("/announcements/templates"), lincolnTeacher);
		assertThat(lincolnList.text()).contains("Everyone " + run);
		assertThat(lincolnList.select("a[href$=/announcements/templates/" + everyone + "]"))
			.as("the district's own are used, not changed, by school staff").isEmpty();
		assertThat(statusOf(get("/announcements/templates/" + everyone), lincolnTeacher)).isEqualTo(403);
		assertThat(statusOf(post("/announcements/templates/" + everyone + "/delete").with(csrf()), lincolnTeacher)).isEqualTo(403);
		assertThat(exists(everyone)).isTrue();
	}

	@Test
	void anAnnouncementIsSavedAsATemplateAndTheWriterCarriesOnFromIt() throws Exception {
		Document announcements = page(get("/announcements"), lincolnTeacher);
		assertThat(announcements.select("a[href=/announcements/templates]")).hasSize(1);
		Document announcement = page(get("/announcements/new"), lincolnTeacher);
		assertThat(announcement.select("button[formaction=/announcements/templates/from-announcement]").text())
			.isEqualTo("Save as template");

		Document form = page(post("/announcements/templates/from-announcement").with(csrf()).param("schoolIds", lincoln.toString())
			.param("category", "URGENT").param("channels", "IN_APP").param("subject", "Snow day")
			.param("body", "Dear {guardianName}, school is closed."), lincolnTeacher);
		assertThat(form.select("#subject").val()).isEqualTo("Snow day");
		assertThat(form.select("#body").text()).isEqualTo("Dear {guardianName}, school is closed.");
		assertThat(form.select("#category option[selected]").val()).isEqualTo("URGENT");
		assertThat(form.select("#schoolId option[selected]").val()).isEqualTo(lincoln.toString());
		assertThat(form.select(".field-error")).as("nothing is wrong before it is saved").isEmpty();
		assertThat(form.select("input[name=fromAnnouncement]").val()).isEqualTo("true");

		MockHttpServletResponse saved = mvc.perform(post("/announcements/templates/new").with(csrf()).with(lincolnTeacher)
				.param("schoolId", lincoln.toString()).param("name", "Snow day " + run).param("category", "URGENT")
				.param("subject", "Snow day").param("body", "Dear {guardianName}, school is closed.")
				.param("fromAnnouncement", "true"))
			.andExpect(flash().attribute("templateSaved", "Snow day " + run))
			.andReturn().getResponse();
		assertThat(saved.getRedirectedUrl()).isEqualTo("/announcements/new?template=" + id("Snow day " + run));
		Document carriedOn = page(get(saved.getRedirectedUrl()).cookie(saved.getCookie("SESSION")), lincolnTeacher);
		assertThat(carriedOn.select("#subject").val()).isEqualTo("Snow day");
		assertThat(carriedOn.select(".alert--success").text()).contains("Snow day " + run);
	}

	private UUID template(UUID school, String name, String body) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.message_template (id, school_id, name, category, subject, body, created_by, created_at,
				                                        updated_by, updated_at)
				values (?, ?, ?, 'GENERAL', ?, ?, 'test', ?, 'test', ?)""")
			.params(id, school, name, name + " subject " + body, body, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();
		return id;
	}

	private UUID id(String name) {
		return jdbc.sql("select id from messaging.message_template where name = ?").param(name).query(UUID.class).single();
	}

	private boolean exists(UUID id) {
		return jdbc.sql("select exists (select 1 from messaging.message_template where id = ?)").param(id)
			.query(Boolean.class).single();
	}

	private int statusOf(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		return mvc.perform(request.with(viewer)).andReturn().getResponse().getStatus();
	}

	private Document page(MockHttpServletRequestBuilder request, RequestPostProcessor viewer) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(viewer)).andReturn().getResponse();
		assertThat(response.getStatus()).as("status of %s", request).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}
}
