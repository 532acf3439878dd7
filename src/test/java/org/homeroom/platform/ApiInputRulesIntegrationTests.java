package org.homeroom.platform;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Ordinary but unexpected input to the API (a NUL character, a far page, a date past any
 * calendar, an unknown language, a field far too long) answers 400 naming the field, never 500.
 */
@IntegrationTest
class ApiInputRulesIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("input.admin@district.test").roles("DISTRICT_ADMIN");

	private static final String NUL = "\\u0000";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	UUID school;

	String liaison;

	@BeforeEach
	void aSchoolWithALiaison() {
		Districts given = Districts.in(jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Input Middle " + tag);
		UUID maya = given.student("Maya", "Ortega", "07");
		given.enrol(maya, school, districtClock.today().minusMonths(1), null);
		liaison = "input.liaison-" + tag + "@district.test";
		given.assign(given.staff("Yousef", liaison), school, "FAMILY_LIAISON");
	}

	@Test
	void aPhoneNumberOfFiveThousandCharactersIsRefusedNamingIt() throws Exception {
		send(post("/api/v1/guardians"), ADMIN, """
				{"givenName": "Rosa", "familyName": "Ortega", "phones": ["%s"]}""".formatted("5".repeat(5000)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("phones[0]"));
	}

	@Test
	void threeThousandEmailAddressesAreRefusedNamingTheList() throws Exception {
		String emails = IntStream.range(0, 3000).mapToObj(i -> "\"rosa" + i + "@family.example\"")
			.collect(Collectors.joining(","));
		send(post("/api/v1/guardians"), ADMIN, """
				{"givenName": "Rosa", "familyName": "Ortega", "emails": [%s]}""".formatted(emails))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("emails"));
	}

	@Test
	void aNulCharacterInATaskTitleIsRefusedNamingIt() throws Exception {
		send(post("/api/v1/tasks"), staff(liaison), """
				{"title": "Call Rosa%s"}""".formatted(NUL))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("NUL")));
	}

	@Test
	void aNulCharacterInAnAnnouncementSubjectIsRefusedNamingIt() throws Exception {
		send(post("/api/v1/announcements"), ADMIN, """
				{"audience": {"schoolIds": ["%s"]}, "subject": "Trip%s", "body": "Hello", "category": "GENERAL",
				 "channels": ["EMAIL"]}""".formatted(school, NUL))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("subject"));
	}

	@Test
	void aNulCharacterInAFamilyContactIsRefusedNamingIt() throws Exception {
		send(post("/api/v1/me/contacts"), user("input.family@family.example").roles("FAMILY"), """
				{"kind": "EMAIL", "value": "rosa%s@family.example"}""".formatted(NUL))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("value"));
		send(post("/api/v1/guardians"), ADMIN, """
				{"givenName": "Rosa", "familyName": "Ortega", "emails": ["rosa%s@family.example"]}""".formatted(NUL))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("emails[0]"));
	}

	@Test
	void aNulCharacterInASearchIsRefusedNamingIt() throws Exception {
		mvc.perform(get("/api/v1/tasks").param("q", "Rosa\u0000").with(staff(liaison)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("q"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("NUL")));
		mvc.perform(get("/api/v1/students").param("q", "Maya\u0000").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("q"));
	}

	@Test
	void aSearchLongerThanItsLimitIsRefusedNamingIt() throws Exception {
		mvc.perform(get("/api/v1/tasks").param("q", "a".repeat(201)).with(staff(liaison)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("q"));
	}

	@Test
	void aPagePastTheEndIsEmptyAndAPageNoListCouldReachIsRefused() throws Exception {
		mvc.perform(get("/api/v1/tasks").param("page", "5000").with(staff(liaison)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty())
			.andExpect(jsonPath("$.page").value(5000));
		mvc.perform(get("/api/v1/tasks").param("page", "99999999").with(staff(liaison)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
		mvc.perform(get("/api/v1/access-log").param("page", "99999999").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
		mvc.perform(get("/api/v1/access-log").param("page", "40000000").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
	}

	@Test
	void aDateBeyondAnyCalendarIsRefusedNamingIt() throws Exception {
		send(post("/api/v1/tasks"), staff(liaison), """
				{"title": "Call Rosa", "due": "+999999999-12-31"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("due"));
		mvc.perform(get("/api/v1/access-log").param("from", "+999999999-12-31T00:00:00Z").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void anUnknownLanguageInAnAudienceIsRefusedNamingIt() throws Exception {
		for (String language : new String[] { "zz", "not a language" }) {
			send(post("/api/v1/announcements/preview"), ADMIN, """
					{"audience": {"schoolIds": ["%s"], "languages": ["%s"]}, "category": "GENERAL", "channels": ["EMAIL"]}"""
				.formatted(school, language))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("audience.languages"));
		}
		send(post("/api/v1/announcements/preview"), ADMIN, """
				{"audience": {"schoolIds": ["%s"], "languages": ["hmn", "es-MX"]}, "category": "GENERAL", "channels": ["EMAIL"]}"""
			.formatted(school))
			.andExpect(status().isOk());
	}

	@Test
	void anAudienceListLongerThanItsLimitIsRefusedNamingIt() throws Exception {
		String grades = IntStream.range(0, 51).mapToObj(i -> "\"g" + i + "\"").collect(Collectors.joining(","));
		send(post("/api/v1/announcements/preview"), ADMIN, """
				{"audience": {"schoolIds": ["%s"], "grades": [%s]}, "category": "GENERAL", "channels": ["EMAIL"]}"""
			.formatted(school, grades))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("audience.grades"));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor caller, String json)
			throws Exception {
		return mvc.perform(request.with(caller).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static RequestPostProcessor staff(String username) {
		return user(username).roles("FAMILY_LIAISON");
	}
}
