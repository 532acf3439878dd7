package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Administration → Translation → Glossary: a district administrator lists, finds, adds, changes
 * and (after confirming) deletes terms; what breaks a rule comes back as 400 with the message beside
 * its field; nobody else may read or change the glossary.
 */
@IntegrationTest
class GlossaryPageIntegrationTests {

	static final String PATH = "/admin/translation/glossary";

	static final RequestPostProcessor DISTRICT_ADMIN = user("glossary.admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	/** The walk, in the same context, leaves a term of its own: each test here starts from an empty glossary. */
	@BeforeEach
	@AfterEach
	void emptyGlossary() {
		jdbc.sql("delete from translation.glossary_term").update();
	}

	@Test
	void aDistrictAdministratorAddsFindsChangesAndDeletesATerm() throws Exception {
		Document empty = page(get(PATH));
		assertThat(empty.select(".empty-state h2").text()).isEqualTo("The glossary is empty");
		assertThat(page(get("/admin")).select("main a[href=" + PATH + "] h2").text()).isEqualTo("Translation glossary");

		mvc.perform(post(PATH + "/new").with(DISTRICT_ADMIN).with(csrf()).param("term", "  IEP ").param("kind", "fixed")
			.param("languages[0]", "es").param("texts[0]", "PEI").param("languages[1]", "ar").param("texts[1]", " ")
			.param("languages[2]", "vi").param("texts[2]", "kế hoạch IEP"))
			.andExpect(redirectedUrl(PATH + "?q=IEP"))
			.andExpect(flash().attribute("saved", "IEP"));
		mvc.perform(post(PATH + "/new").with(DISTRICT_ADMIN).with(csrf()).param("term", "Lincoln Elementary").param("kind", "keep"))
			.andExpect(status().is3xxRedirection());

		Document found = page(get(PATH).param("q", "pei"));
		assertThat(found.select("tbody tr")).hasSize(1);
		assertThat(found.select("tbody tr td").first().text()).isEqualTo("IEP");
		assertThat(found.select("tbody dl dt").eachText()).containsExactly("Spanish", "Vietnamese");
		assertThat(found.select("tbody dl dd").eachText()).containsExactly("PEI", "kế hoạch IEP");
		assertThat(page(get(PATH)).select("tbody tr .badge").text()).isEqualTo("Kept as written");

		UUID id = jdbc.sql("select id from translation.glossary_term where term = 'IEP'").query(UUID.class).single();
		Document form = page(get(PATH + "/" + id));
		assertThat(form.select("input[name=term]").val()).isEqualTo("IEP");
		assertThat(form.select("input[name=kind][value=fixed]").hasAttr("checked")).isTrue();
		assertThat(form.select("label:containsOwn(Spanish (es))").attr("for")).isNotEmpty();

		mvc.perform(post(PATH + "/" + id).with(DISTRICT_ADMIN).with(csrf()).param("term", "IEP").param("kind", "fixed")
			.param("languages[0]", "es").param("texts[0]", "programa educativo individualizado (IEP)"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select language || '=' || translation from translation.glossary_translation").query(String.class).list())
			.containsExactly("es=programa educativo individualizado (IEP)");

		Document confirm = page(get(PATH + "/" + id + "/delete"));
		assertThat(confirm.select("h1").text()).isEqualTo("Delete a glossary term");
		assertThat(confirm.select("main form").attr("action")).isEqualTo(PATH + "/" + id + "/delete");
		assertThat(jdbc.sql("select count(*) from translation.glossary_term").query(Long.class).single()).as("asking deletes nothing")
			.isEqualTo(2);
		mvc.perform(post(PATH + "/" + id + "/delete").with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(redirectedUrl(PATH))
			.andExpect(flash().attribute("deleted", "IEP"));
		assertThat(jdbc.sql("select term from translation.glossary_term").query(String.class).list()).containsExactly("Lincoln Elementary");
	}

	@Test
	void whatBreaksARuleIs400WithTheMessageBesideItsField() throws Exception {
		Document blank = invalid(post(PATH + "/new").param("term", " ").param("kind", "fixed"));
		assertThat(blank.select("#term-error").text()).isEqualTo("Write the term.");
		assertThat(blank.select("#texts-error").text())
			.isEqualTo("Write a translation for at least one language, or keep the term as written.");

		Document long_ = invalid(post(PATH + "/new").param("term", "x".repeat(101)).param("kind", "keep"));
		assertThat(long_.select("#term-error").text()).isEqualTo("Use at most 100 characters.");
		assertThat(long_.select("input[name=term]").val()).as("what was typed stays").hasSize(101);

		Document braces = invalid(post(PATH + "/new").param("term", "{studentName}").param("kind", "keep"));
		assertThat(braces.select("#term-error").text()).startsWith("Use letters or digits");

		Document longTranslation = invalid(post(PATH + "/new").param("term", "referendum").param("kind", "fixed")
			.param("languages[0]", "es").param("texts[0]", "y".repeat(201)));
		assertThat(longTranslation.select("#text-0-error").text()).isEqualTo("Use at most 200 characters.");
		assertThat(longTranslation.select("#text-0").attr("aria-invalid")).isEqualTo("true");

		Document badLanguage = invalid(post(PATH + "/new").param("term", "referendum").param("kind", "fixed")
			.param("languages[0]", "not a language").param("texts[0]", "consulta"));
		assertThat(badLanguage.select("#texts-error").text()).startsWith("A language here is not one");

		Document badKind = invalid(post(PATH + "/new").param("term", "referendum").param("kind", "sometimes"));
		assertThat(badKind.select("#kind-error").text()).isEqualTo("Choose whether the term is kept as written or translated.");

		mvc.perform(post(PATH + "/new").with(DISTRICT_ADMIN).with(csrf()).param("term", "Referendum").param("kind", "keep"))
			.andExpect(status().is3xxRedirection());
		Document taken = invalid(post(PATH + "/new").param("term", "REFERENDUM").param("kind", "keep"));
		assertThat(taken.select("#term-error").text()).isEqualTo("This term is in the glossary already.");

		mvc.perform(get(PATH).with(DISTRICT_ADMIN).param("q", "q".repeat(101))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select term from translation.glossary_term").query(String.class).list()).containsExactly("Referendum");
	}

	@Test
	void aLongGlossaryIsPaged() throws Exception {
		for (int i = 0; i < 30; i++) {
			jdbc.sql("insert into translation.glossary_term (id, term, never_translated, updated_by, updated_at, version) "
					+ "values (?, ?, true, 'test', now(), 0)").params(UUID.randomUUID(), "Programme %02d".formatted(i)).update();
		}
		Document first = page(get(PATH));
		assertThat(first.select("tbody tr")).hasSize(25);
		assertThat(first.select("main p[role=status]").text()).isEqualTo("Showing 1–25 of 30");
		Document second = page(get(first.select("a[rel=next]").attr("href")));
		assertThat(second.select("tbody tr td:first-child").eachText()).containsExactly("Programme 25", "Programme 26", "Programme 27",
				"Programme 28", "Programme 29");
	}

	@Test
	void nobodyButADistrictAdministratorReachesTheGlossary() throws Exception {
		for (String role : new String[] { "SCHOOL_ADMIN", "TEACHER", "COUNSELOR", "FAMILY" }) {
			RequestPostProcessor other = user("glossary." + role.toLowerCase() + "@district.test").roles(role);
			mvc.perform(get(PATH).with(other)).andExpect(status().isForbidden());
			mvc.perform(post(PATH + "/new").with(other).with(csrf()).param("term", "Sneaky").param("kind", "keep"))
				.andExpect(status().isForbidden());
		}
		assertThat(jdbc.sql("select count(*) from translation.glossary_term").query(Long.class).single()).isZero();
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(DISTRICT_ADMIN)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	private Document invalid(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
		Document page = Jsoup.parse(mvc.perform(request.with(DISTRICT_ADMIN).with(csrf())).andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select(".alert--error").text()).isEqualTo("The term was not saved. Correct what is marked below.");
		return page;
	}
}
