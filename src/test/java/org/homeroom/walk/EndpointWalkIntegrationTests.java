package org.homeroom.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.homeroom.IntegrationTest;
import org.homeroom.accounts.Accounts;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint of the application, reads and writes, in every role, aimed at records of a
 * school and a family the caller has no relationship with (see {@link WalkWorld}). A caller signed
 * in gets 404 or 403 (or what a case names, with its reason), a list never shows the record, and a
 * write leaves the record exactly as it was; nobody signed in gets 401 from the API and the sign-in
 * page from the rest. {@link #everyEndpointIsWalkedOrExempt()} fails for an endpoint that is in
 * neither the walk nor {@link #EXEMPT}, so that every new endpoint joins the walk.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointWalkIntegrationTests {

	/**
	 * Endpoints the walk leaves out, each with why. Methods are as mapped; {@code *} is a mapping
	 * without a method.
	 */
	private static final Map<String, String> EXEMPT = Map.ofEntries(
			// Reached before anyone signs in; their limits and lockouts have tests of their own.
			Map.entry("GET /sign-in", "public: the sign-in form"),
			Map.entry("GET /family/sign-in", "public: family sign-in"),
			Map.entry("POST /family/sign-in", "public: family sign-in"),
			Map.entry("GET /family/sign-in/code", "public: family sign-in"),
			Map.entry("POST /family/sign-in/code", "public: family sign-in"),
			Map.entry("POST /api/v1/auth/family/code", "public: family sign-in over the API"),
			Map.entry("POST /api/v1/auth/family/token", "public: family sign-in over the API"),
			Map.entry("GET /password-reset", "public: asking for a reset link"),
			Map.entry("POST /password-reset", "public: asking for a reset link"),
			Map.entry("GET /password-reset/{token}", "public: the link's secret token is the authority"),
			Map.entry("POST /password-reset/{token}", "public: the link's secret token is the authority"),
			Map.entry("GET /invitation/{token}", "public: the link's secret token is the authority"),
			Map.entry("POST /invitation/{token}", "public: the link's secret token is the authority"),
			Map.entry("* /error", "the error page every failure is forwarded to"),
			// Twilio's webhooks: nobody signs in; the provider's signature is the authority (SmsWebhookIntegrationTests).
			Map.entry("POST /webhooks/sms/twilio", "public: signed by Twilio, checked by SmsWebhookIntegrationTests"),
			Map.entry("POST /webhooks/sms/twilio/status", "public: signed by Twilio, checked by SmsWebhookIntegrationTests"),
			// A long text's link: its secret token and a code texted to the phone are the authority.
			Map.entry("GET /t/{token}", "public: the link's secret token and a texted code are the authority"),
			Map.entry("POST /t/{token}", "public: the link's secret token and a texted code are the authority"),
			Map.entry("POST /t/{token}/code", "public: the link's secret token and a texted code are the authority"),
			// Mapped only in demo mode, which this context is not; the platform's tests walk who reads it.
			Map.entry("GET /dev/outbox", "demo mode only"),
			Map.entry("GET /dev/outbox.json", "demo mode only"),
			// The OpenAPI document: public, describes endpoints and holds no record.
			Map.entry("GET /v3/api-docs", "public API description"),
			Map.entry("GET /v3/api-docs.yaml", "public API description"),
			Map.entry("GET /v3/api-docs/swagger-config", "public API description"),
			Map.entry("GET /v3/api-docs/{group}", "public API description"),
			Map.entry("GET /v3/api-docs.yaml/{group}", "public API description"),
			// The tests' own endpoints that fail on purpose (FailingEndpoints).
			Map.entry("GET /test/failure", "test only"),
			Map.entry("GET /api/v1/test/failure", "test only"));

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock districtClock;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final WalkWorld their = new WalkWorld();

	private List<Walked> walk;

	@BeforeAll
	void theirSchoolTheirFamilyAndCallersWithNoRelationship() throws Exception {
		their.build(mvc, jdbc, accounts, districtClock.today());
		walk = new ArrayList<>();
		walk.addAll(DirectoryEndpoints.of(their, jdbc, districtClock.today()));
		walk.addAll(MessagingEndpoints.of(their, jdbc));
		walk.addAll(AccountEndpoints.of(their, jdbc));
		walk.addAll(OfficeHoursEndpoints.of(their, jdbc));
		walk.addAll(ConversationEndpoints.of(their, jdbc));
		walk.addAll(TextReplyEndpoints.of(their, jdbc));
		walk.addAll(TranslationEndpoints.of(their, jdbc));
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointInEveryRole() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Walked walked : walk) {
			for (String caller : their.callerNames()) {
				if (walked.mayAct.contains(caller)) {
					continue;
				}
				String name = caller + " → " + walked.name()
						+ (walked.expectedFixFrom == null ? "" : " [expected to pass after " + walked.expectedFixFrom + " merges]");
				tests.add(DynamicTest.dynamicTest(name, () -> walk(name, walked, their.caller(caller))));
			}
			if (walked.controlCaller != null) {
				String name = walked.controlCaller + " → " + walked.name() + " (control: a related caller reaches it)";
				tests.add(DynamicTest.dynamicTest(name, () -> control(name, walked)));
			}
		}
		return tests.stream();
	}

	private void walk(String name, Walked walked, WalkWorld.Caller caller) throws Exception {
		String before = walked.state == null ? null : walked.state.get();
		if (before != null && !walked.counted) {
			assertThat(before).as(name + ": the record this request aims at is on file").isNotEqualTo("[]");
		}
		MockHttpServletResponse response = perform(walked, caller);
		if (caller.anonymous()) {
			if (walked.api()) {
				assertThat(response.getStatus()).as(name + ": answer to nobody signed in").isEqualTo(401);
			}
			else {
				assertThat(response.getStatus()).as(name + ": answer to nobody signed in").isEqualTo(302);
				assertThat(response.getRedirectedUrl()).as(name + ": where nobody signed in is sent").endsWith("/sign-in");
			}
		}
		else if (walked.mustNotShow != null) {
			assertThat(response.getStatus()).as(name + ": answer to a list").isIn(200, 403, 404);
			assertThat(response.getContentAsString()).as(name + ": what the list shows").doesNotContain(walked.mustNotShow);
		}
		else {
			assertThat(response.getStatus()).as(name + ": answer to a caller with no relationship to the record")
				.isIn(walked.refusedWith);
		}
		if (before != null) {
			assertThat(walked.state.get()).as(name + ": the record after the request").isEqualTo(before);
		}
	}

	/** The same request from a caller related to the record: it reaches the record, so the refusals are not for want of one. */
	private void control(String name, Walked walked) throws Exception {
		MockHttpServletResponse response = perform(walked, their.caller(walked.controlCaller));
		assertThat(response.getStatus()).as(name).isEqualTo(walked.controlStatus);
		if (walked.mustNotShow != null) {
			assertThat(response.getContentAsString()).as(name + ": what the list shows").contains(walked.mustNotShow);
		}
	}

	private MockHttpServletResponse perform(Walked walked, WalkWorld.Caller caller) throws Exception {
		AbstractMockHttpServletRequestBuilder<?> request = walked.request().with(walked.api() ? caller.api() : caller.pages());
		if (!walked.api() && !"GET".equals(walked.method)) {
			request = request.with(csrf());
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	/** Every handler mapping of the running application is walked or exempt, and the walk names no endpoint that is gone. */
	@Test
	void everyEndpointIsWalkedOrExempt() {
		Set<String> mapped = new TreeSet<>();
		mappings.getHandlerMethods().keySet().forEach(info -> mapped.addAll(endpoints(info)));
		Set<String> walked = new TreeSet<>();
		walk.forEach(walkedEndpoint -> walked.add(walkedEndpoint.endpoint()));
		Set<String> missing = new TreeSet<>(mapped);
		missing.removeAll(walked);
		missing.removeAll(EXEMPT.keySet());
		assertThat(missing).as("endpoints neither walked nor exempt: add each to the walk").isEmpty();
		Set<String> gone = new TreeSet<>(walked);
		gone.removeAll(mapped);
		assertThat(gone).as("walked endpoints that are not mapped").isEmpty();
	}

	private static List<String> endpoints(RequestMappingInfo info) {
		Set<String> methods = new TreeSet<>();
		info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
		if (methods.isEmpty()) {
			methods.add("*");
		}
		List<String> endpoints = new ArrayList<>();
		for (String method : methods) {
			for (String pattern : info.getPatternValues()) {
				endpoints.add(method + " " + pattern);
			}
		}
		return endpoints;
	}
}
