package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.homeroom.StatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Who is calling" is looked up once per request, however many times a page asks, and a controller
 * that asks for a viewer when nobody is signed in answers 401, never 500.
 */
@IntegrationTest
@Import({ StatementCounter.Wrapping.class, ViewerResolutionIntegrationTests.OpenEndpoint.class })
class ViewerResolutionIntegrationTests {

	/** The one statement that finds a signed-in user's staff record (Directory.viewerOf). */
	private static final String STAFF_LOOKUP = "from directory.staff where email";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTeachersAnnouncementFormLooksTheTeacherUpOnce() {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String teacher = "teacher-" + run + "@district.test";
		given.assign(given.staff("Ana", teacher), given.school("Lincoln Middle " + run), "TEACHER");

		assertThat(staffLookups("/announcements/new", teacher, "TEACHER")).isEqualTo(1);
	}

	/** The inbox's controller and the menu's unread badge both ask who the family is. */
	@Test
	void aFamilysInboxAndItsUnreadBadgeShareOneLookUp() {
		String parent = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@family.example";

		assertThat(staffLookups("/messages", parent, "FAMILY")).isEqualTo(1);
	}

	@Test
	void nobodySignedInAsksAnApiThatNeedsAViewerAndGets401() throws Exception {
		assertThat(mvc.perform(get(OpenEndpoint.PATH)).andReturn().getResponse().getStatus()).isEqualTo(401);
		assertThat(mvc.perform(get("/api/v1/tasks")).andReturn().getResponse().getStatus()).isEqualTo(401);
	}

	private long staffLookups(String page, String name, String role) {
		int[] status = new int[1];
		List<String> statements = StatementCounter.statements(() -> {
			try {
				status[0] = mvc.perform(get(page).with(user(name).roles(role))).andReturn().getResponse().getStatus();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(status[0]).as("status of %s", page).isEqualTo(200);
		return statements.stream().filter(sql -> sql.contains(STAFF_LOOKUP)).count();
	}

	/** Under a path security lets anyone reach, so that only the resolver stands between. */
	@TestConfiguration(proxyBeanMethods = false)
	static class OpenEndpoint {

		static final String PATH = "/api/v1/auth/test/viewer";

		@RestController
		static class ViewerEcho {

			@GetMapping(PATH)
			String name(Viewer viewer) {
				return viewer.name();
			}
		}
	}
}
