package org.homeroom.translation;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Administration → Translation in the demo district (families in eight languages), with a loopback
 * LibreTranslate that translates English into Spanish, Vietnamese, Chinese and Arabic but not
 * Portuguese, and a Google key whose server cannot be reached. Haitian Creole is routed nowhere.
 */
@IntegrationTest(properties = "homeroom.demo.enabled=true")
class TranslationPageIntegrationTests {

	static final RequestPostProcessor DISTRICT_ADMIN = user("translation.admin@district.test").roles("DISTRICT_ADMIN");

	static final String LIBRE_KEY = "libre-page-secret";

	static final String GOOGLE_KEY = "google-page-secret";

	static final WireMockServer LIBRETRANSLATE = started();

	static WireMockServer started() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(WireMock.get("/languages").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
				[{"code": "en", "name": "English", "targets": ["ar", "en", "es", "vi", "zh-Hans"]},
				 {"code": "es", "name": "Spanish", "targets": ["en", "es"]}]""")));
		return server;
	}

	@DynamicPropertySource
	static void engines(DynamicPropertyRegistry registry) {
		registry.add("homeroom.translation.providers.libretranslate.url", () -> LIBRETRANSLATE.baseUrl());
		registry.add("homeroom.translation.providers.libretranslate.api-key", () -> LIBRE_KEY);
		// Port 9 (discard) refuses on loopback: Google, configured, cannot be reached.
		registry.add("homeroom.translation.providers.google.url", () -> "http://127.0.0.1:9");
		registry.add("homeroom.translation.providers.google.api-key", () -> GOOGLE_KEY);
		registry.add("homeroom.translation.routes", () -> "es=libretranslate, vi=libretranslate, zh=libretranslate, "
				+ "ar=libretranslate, pt=libretranslate, so=google");
	}

	@AfterAll
	static void stop() {
		LIBRETRANSLATE.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void checkAgainAsksEachEngineAndThePageSaysWhatEachServesAndWhereItsTextGoes() throws Exception {
		// The start-up discovery asks on a thread of its own; once it has, only the button asks.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !LIBRETRANSLATE.findAll(getRequestedFor(urlPathEqualTo("/languages"))).isEmpty());
		int asked = LIBRETRANSLATE.findAll(getRequestedFor(urlPathEqualTo("/languages"))).size();
		mvc.perform(post("/admin/translation/check").with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/admin/translation")).andExpect(flash().attribute("checked", true));
		assertThat(LIBRETRANSLATE.findAll(getRequestedFor(urlPathEqualTo("/languages")))).hasSize(asked + 1);

		String html = mvc.perform(get("/admin/translation").with(DISTRICT_ADMIN).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Document page = Jsoup.parse(html);

		Element libre = page.selectFirst("[data-engine=libretranslate]");
		assertThat(libre.select("h3").text()).isEqualTo("LibreTranslate");
		assertThat(libre.text()).contains(LIBRETRANSLATE.baseUrl(), "Answered", "Arabic, Chinese, Spanish, Vietnamese")
			.doesNotContain("leaves the district");
		assertThat(libre.select("time").attr("datetime")).isNotBlank();
		Element google = page.selectFirst("[data-engine=google]");
		assertThat(google.text()).contains("http://127.0.0.1:9", "Could not be reached",
				"Google Cloud Translation could not be reached", "This leaves the district's servers");
		assertThat(html).doesNotContain(LIBRE_KEY).doesNotContain(GOOGLE_KEY);

		assertThat(row(page, "es")).contains("Spanish", guardiansPreferring("es"), "LibreTranslate");
		assertThat(row(page, "zh")).contains("Chinese", "LibreTranslate");
		assertThat(row(page, "en")).contains("No translation needed");
		assertThat(row(page, "ht")).contains("None", "No engine is routed to this language");
		assertThat(row(page, "pt")).contains("None", "Routed to LibreTranslate, which says it does not translate into this language");
		assertThat(row(page, "so")).contains("Google Cloud Translation", "could not be reached when last asked");
	}

	@Test
	void theAdministrationPageLeadsToIt() throws Exception {
		Document admin = Jsoup.parse(mvc.perform(get("/admin").with(DISTRICT_ADMIN)).andReturn().getResponse().getContentAsString());

		assertThat(admin.select("main a[href=/admin/translation]").text()).contains("Translation");
	}

	@Test
	void itReadsInArabicRightToLeft() throws Exception {
		Document page = Jsoup.parse(mvc.perform(get("/admin/translation").with(DISTRICT_ADMIN).param("lang", "ar"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.select("html").attr("dir")).isEqualTo("rtl");
		assertThat(page.select("h1").text()).isEqualTo("الترجمة");
	}

	@Test
	void otherStaffMayNeitherSeeNorCheck() throws Exception {
		RequestPostProcessor principal = user("principal@demo.homeroom.test").roles("SCHOOL_ADMIN");
		mvc.perform(get("/admin/translation").with(principal)).andExpect(status().isForbidden());
		mvc.perform(post("/admin/translation/check").with(principal).with(csrf())).andExpect(status().isForbidden());
	}

	private static String row(Document page, String language) {
		Element row = page.selectFirst("#family-languages tr[data-language=" + language + "]");
		assertThat(row).as("a row for " + language).isNotNull();
		return row.text();
	}

	private String guardiansPreferring(String language) {
		return jdbc.sql("""
				select count(distinct gu.id)::text from directory.guardian gu
				join directory.guardianship g on g.guardian_id = gu.id join directory.student s on s.id = g.student_id
				where gu.active and s.active and split_part(gu.preferred_language, '-', 1) = ?""")
			.param(language).query(String.class).single();
	}
}
