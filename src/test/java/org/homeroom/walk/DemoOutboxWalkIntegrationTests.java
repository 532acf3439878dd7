package org.homeroom.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.homeroom.ServerTest;
import org.homeroom.platform.DevOutbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The development outbox, walked in every role in demo mode (the only mode it is mapped in, so it
 * is exempt from {@link EndpointWalkIntegrationTests}). A message to a real address (a reset link,
 * a family's sign-in code) is shown to a signed-in district administrator alone; nobody signed in
 * and no other role reads it, from the page or the JSON, filtered by address or not (issue 15,
 * finding 2). Expected to pass once fix/platform merges.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoOutboxWalkIntegrationTests {

	private static final String[] OUTBOX = { "/dev/outbox", "/dev/outbox.json" };

	@Autowired
	MockMvc mvc;

	@Autowired
	DevOutbox outbox;

	/** A real district's address, as a trial install that imported a real roster would hold. */
	private final String realAddress = "walk." + UUID.randomUUID().toString().substring(0, 8) + "@springfield-schools.org";

	private final String secret = "reset-link-" + UUID.randomUUID();

	@BeforeAll
	void aMessageToARealAddress() {
		outbox.record(DevOutbox.Channel.EMAIL, realAddress, "Reset your password", "Open " + secret);
	}

	@TestFactory
	Stream<DynamicTest> onlyADistrictAdministratorReadsMessagesToRealAddresses() {
		Map<String, RequestPostProcessor> callers = new LinkedHashMap<>();
		callers.put(WalkWorld.ANONYMOUS, request -> request);
		callers.put(WalkWorld.SCHOOL_ADMIN, user("walk.outbox-principal@district.test").roles("SCHOOL_ADMIN"));
		callers.put(WalkWorld.TEACHER, user("walk.outbox-teacher@district.test").roles("TEACHER"));
		callers.put(WalkWorld.COUNSELLOR, user("walk.outbox-counsellor@district.test").roles("COUNSELOR"));
		callers.put(WalkWorld.FAMILY_LIAISON, user("walk.outbox-liaison@district.test").roles("FAMILY_LIAISON"));
		callers.put(WalkWorld.ATTENDANCE_OFFICER, user("walk.outbox-attendance@district.test").roles("ATTENDANCE_OFFICER"));
		callers.put(WalkWorld.ANOTHER_FAMILY, user("family:" + UUID.randomUUID()).roles("FAMILY"));
		List<DynamicTest> tests = new ArrayList<>();
		for (String path : OUTBOX) {
			for (String query : List.of("", "?to=" + realAddress)) {
				String endpoint = "GET " + path + (query.isEmpty() ? "" : "?to={a real address}");
				callers.forEach((who, caller) -> tests.add(DynamicTest.dynamicTest(
						who + " → " + endpoint + " [expected to pass after fix/platform merges]", () -> {
							MockHttpServletResponse response = mvc.perform(get(path + query).with(caller)).andReturn().getResponse();
							assertThat(response.getContentAsString()).as(who + " reading " + endpoint).doesNotContain(secret);
							if (query.isEmpty()) {
								// Filtered, the page may well repeat the address typed into its own filter.
								assertThat(response.getContentAsString()).as(who + " reading " + endpoint)
									.doesNotContain(realAddress);
							}
						})));
				tests.add(DynamicTest.dynamicTest(WalkWorld.DISTRICT_ADMIN + " → " + endpoint + " (control: reads it)", () -> {
					MockHttpServletResponse response = mvc
						.perform(get(path + query).with(user("walk.outbox-admin@district.test").roles("DISTRICT_ADMIN")))
						.andReturn().getResponse();
					assertThat(response.getStatus()).isEqualTo(200);
					assertThat(response.getContentAsString()).contains(realAddress);
				}));
			}
		}
		return tests.stream();
	}
}
