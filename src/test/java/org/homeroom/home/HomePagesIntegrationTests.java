package org.homeroom.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.directory.StudentRecordsAccessed;
import org.homeroom.directory.StudentRecordsAccessedTogether;
import org.homeroom.tasks.NewTask;
import org.homeroom.tasks.Tasks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the start page shows: a family's unread urgent messages first, then the unfinished welcome,
 * then its newest messages (with its own names filled in) and a card per child with the child's
 * teachers; never another family's messages. A teacher's shows the tasks due and the last
 * announcements with how many families read them.
 */
@ServerTest
@RecordApplicationEvents
class HomePagesIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("home.pages.admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	Tasks tasks;

	@Autowired
	ApplicationEvents events;

	@Test
	void aFamilySeesItsUrgentMessageFirstThenTheWelcomeThenItsOwnChildrensNewsAndTeachers() throws Exception {
		Districts given = Districts.in(jdbc);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Lincoln " + suffix);
		UUID maya = given.student("Maya", "Home" + suffix, "07");
		given.enrol(maya, school, clock.today().minusMonths(1), null);
		UUID teacher = given.staff("Elena", "Rivera" + suffix, "rivera." + suffix + "@district.test");
		UUID science = given.aSection("Science 7").at(school).taughtBy(teacher).id();
		given.enrolInSection(science, maya, clock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail("rosa." + suffix + "@family.example").id();
		UUID other = given.student("Omar", "Else" + suffix, "07");
		given.enrol(other, school, clock.today().minusMonths(1), null);
		given.aGuardian("Olga").ofStudent(other).withEducationalRights().reachableByEmail("olga." + suffix + "@family.example");

		announce(maya, "Field trip for {childName}", "Dear {guardianName}, bring a lunch.", "GENERAL");
		announce(maya, "Closed today", "Dear {guardianName}, {school} is closed.", "URGENT");
		announce(other, "Only for Omar's family " + suffix, "Private.", "GENERAL");
		RequestPostProcessor family = familyOf(rosa);

		Document home = page(family, "/");
		List<String> sections = home.select("main section[id], main aside[id]").eachAttr("id");
		assertThat(sections).as("urgent first, the welcome after it").startsWith("urgent", "welcome");
		assertThat(home.select("#urgent h3").eachText()).containsExactly("Closed today");
		assertThat(home.select("#urgent .feed-excerpt").text()).isEqualTo("Dear Rosa Testing, Lincoln " + suffix + " is closed.");
		assertThat(home.select("#feed h3").eachText()).as("the urgent message is pinned, not repeated")
			.containsExactly("Field trip for Maya");
		assertThat(home.text()).doesNotContain("Only for Omar's family");
		Element child = home.selectFirst("#children .child-card");
		assertThat(child.select("h3").text()).isEqualTo("Maya Home" + suffix);
		assertThat(child.select(".teacher-list__name").text()).isEqualTo("Elena Rivera" + suffix);
		assertThat(child.select(".teacher-list a").attr("href"))
			.isEqualTo("/family/children/" + maya + "/message?staffId=" + teacher);
		assertThat(child.select("a[href='/?child=" + maya + "']")).hasSize(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
				"select count(*) from privacy.access_log where student_id = ? and what = 'home.feed'")
			.param(maya).query(Integer.class).single() > 0);

		String urgent = home.select("#urgent a").attr("href");
		mvc.perform(get(urgent).with(family)).andExpect(status().isOk());
		Document afterReading = page(family, "/");
		assertThat(afterReading.select("#urgent")).as("read, no longer pinned").isEmpty();
		assertThat(afterReading.select("#feed h3").eachText()).containsExactly("Closed today", "Field trip for Maya");

		mvc.perform(get("/").param("child", other.toString()).with(family)).andExpect(status().isNotFound());
		Document aboutMaya = page(family, "/?child=" + maya);
		assertThat(aboutMaya.select("h1").text()).isEqualTo("Messages about Maya Home" + suffix);
		assertThat(aboutMaya.select("#feed h3")).hasSize(2);
	}

	@Test
	void aTeacherSeesTheTasksDueAndHowManyFamiliesReadTheLastAnnouncement() throws Exception {
		Districts given = Districts.in(jdbc);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Garfield " + suffix);
		UUID maya = given.student("Maya", "Staff" + suffix, "03");
		given.enrol(maya, school, clock.today().minusMonths(1), null);
		UUID ana = given.student("Ana", "Staff" + suffix, "03");
		given.enrol(ana, school, clock.today().minusMonths(1), null);
		String email = "teacher." + suffix + "@district.test";
		UUID teacher = given.staff("Tomas", "Teach" + suffix, email);
		UUID homeroom = given.aSection("Homeroom 3").at(school).taughtBy(teacher).id();
		given.enrolInSection(homeroom, maya, clock.today().minusMonths(1), null);
		given.enrolInSection(homeroom, ana, clock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail("rosa." + suffix + "@family.example").id();
		given.aGuardian("Luis").ofStudent(ana).withEducationalRights().reachableByEmail("luis." + suffix + "@family.example");
		RequestPostProcessor asTeacher = user(email).roles("TEACHER");
		tasks.open(new NewTask("Call about the trip form " + suffix, maya, null, email, clock.today().plusDays(1), null, "manual"));

		UUID sent = announce(asTeacher, List.of(maya, ana), "Picture day " + suffix, "Smile.", "GENERAL");
		RequestPostProcessor family = familyOf(rosa);
		String message = page(family, "/").select("#feed a").attr("href");
		mvc.perform(get(message).with(family)).andExpect(status().isOk());

		Document home = page(asTeacher, "/");
		assertThat(home.select("#tasks-due .line-list a").eachText()).containsExactly("Call about the trip form " + suffix);
		assertThat(home.select("#tasks-due .line-list").text()).contains("Maya Staff" + suffix);
		Element line = home.selectFirst("#recent-announcements .line-list li");
		assertThat(line.select("a").text()).isEqualTo("Picture day " + suffix);
		assertThat(line.select("a").attr("href")).isEqualTo("/announcements/" + sent);
		assertThat(line.text()).contains("50% read (1 of 2 families)");
		assertThat(line.select("progress").attr("value")).isEqualTo("50");
		assertThat(home.select("#awaiting-reply").text()).contains("No family is waiting for an answer.");
		assertThat(home.select("main .cards")).as("not the map of the navigation").isEmpty();
	}

	@Test
	void bothSidesStartFromTheConversationThatNeedsThem() throws Exception {
		Districts given = Districts.in(jdbc);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Hayes " + suffix);
		UUID maya = given.student("Maya", "Talk" + suffix, "04");
		given.enrol(maya, school, clock.today().minusMonths(1), null);
		String email = "talk." + suffix + "@district.test";
		UUID teacher = given.staff("Elena", "Talk" + suffix, email);
		given.enrolInSection(given.aSection("Class 4").at(school).taughtBy(teacher).id(), maya,
				clock.today().minusMonths(1), null);
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights()
			.reachableByEmail("rosa.talk." + suffix + "@family.example").id();
		RequestPostProcessor asTeacher = user(email).roles("TEACHER");
		RequestPostProcessor family = familyOf(rosa);

		String created = mvc.perform(post("/api/v1/conversations").with(asTeacher).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"studentId": "%s", "guardianId": "%s", "body": "Maya read aloud beautifully today."}"""
				.formatted(maya, rosa)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID thread = UUID.fromString(json.readTree(created).get("id").asString());

		Document familyHome = page(family, "/");
		assertThat(familyHome.select("#conversations a").attr("href")).isEqualTo("/family/conversations/" + thread);
		assertThat(familyHome.select("#conversations .feed-excerpt").text()).isEqualTo("Maya read aloud beautifully today.");
		assertThat(familyHome.select("#conversations h3").text()).startsWith("Elena Talk" + suffix);

		mvc.perform(post("/api/v1/conversations/" + thread + "/messages").with(family).contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"Thank you! She practises every night.\"}")).andExpect(status().isCreated());
		assertThat(page(family, "/").select("#conversations")).as("nothing unread is left for the family").isEmpty();
		Document teacherHome = page(asTeacher, "/");
		assertThat(teacherHome.select("#awaiting-reply a").attr("href")).isEqualTo("/conversations/" + thread);
		assertThat(teacherHome.select("#awaiting-reply").text()).contains("Maya Talk" + suffix).contains("Rosa");
	}

	@Test
	void aFamilysHomePageLogsOneRowPerChildForEachOfItsReadsReportedAsOneEvent() throws Exception {
		Districts given = Districts.in(jdbc);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Monroe " + suffix);
		UUID maya = given.student("Maya", "Log" + suffix, "05");
		UUID leo = given.student("Leo", "Log" + suffix, "02");
		String email = "log." + suffix + "@district.test";
		UUID teacher = given.staff("Elena", "Log" + suffix, email);
		for (UUID child : List.of(maya, leo)) {
			given.enrol(child, school, clock.today().minusMonths(1), null);
			given.enrolInSection(given.aSection("Class " + suffix).at(school).taughtBy(teacher).id(), child,
					clock.today().minusMonths(1), null);
		}
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().ofStudent(leo).withEducationalRights()
			.reachableByEmail("rosa.log." + suffix + "@family.example").id();
		announce(maya, "Library day " + suffix, "Bring the book back.", "GENERAL");
		mvc.perform(post("/api/v1/conversations").with(user(email).roles("TEACHER")).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"studentId": "%s", "guardianId": "%s", "body": "Leo counted to a hundred today."}""".formatted(leo, rosa)))
			.andExpect(status().isCreated());
		RequestPostProcessor family = familyOf(rosa);
		String actor = jdbc.sql("select username from accounts.account a join accounts.family_link l on l.account_id = a.id "
				+ "where l.guardian_id = ?").param(rosa).query(String.class).single();
		events.clear();

		Document home = page(family, "/");

		assertThat(home.select("#children .child-card h3").eachText()).containsExactly("Leo Log" + suffix, "Maya Log" + suffix);
		assertThat(home.select("#feed h3").eachText()).containsExactly("Library day " + suffix);
		assertThat(home.select("#conversations .feed-excerpt").text()).isEqualTo("Leo counted to a hundred today.");
		assertThat(events.stream(StudentRecordsAccessedTogether.class)).as("the page's reads, reported once").hasSize(1);
		assertThat(events.stream(StudentRecordsAccessed.class)).as("no read reported alone").isEmpty();
		String rows = "select student_id || ' ' || what || ' ' || purpose from privacy.access_log where actor = ?";
		List<String> expected = List.of(leo + " student home", maya + " student home", maya + " home.feed home",
				leo + " conversation.recent home.feed");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql(rows).param(actor).query(String.class).list().size() >= expected.size());
		assertThat(jdbc.sql(rows).param(actor).query(String.class).list()).containsExactlyInAnyOrderElementsOf(expected);
	}

	private UUID announce(UUID student, String subject, String body, String category) throws Exception {
		return announce(ADMIN, List.of(student), subject, body, category);
	}

	private UUID announce(RequestPostProcessor sender, List<UUID> students, String subject, String body, String category)
			throws Exception {
		String ids = String.join("\", \"", students.stream().map(UUID::toString).toList());
		String created = mvc.perform(post("/api/v1/announcements").with(sender).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"audience": {"studentIds": ["%s"]}, "subject": "%s", "body": "%s", "category": "%s", "channels": ["IN_APP"]}"""
				.formatted(ids, subject, body, category)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		UUID announcement = UUID.fromString(json.readTree(created).get("id").asString());
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from messaging.delivery where announcement_id = ? and status = 'SENT'")
			.param(announcement).query(Integer.class).single() == students.size());
		// Newest first is by the time sent: keep the announcements apart.
		Thread.sleep(5);
		return announcement;
	}

	private Document page(RequestPostProcessor who, String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(who).header("Accept-Language", "en")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	private RequestPostProcessor familyOf(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}
}
