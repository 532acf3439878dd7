package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.IntegrationTest;
import org.homeroom.accounts.Mailbox;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Administration → Translation → Automatic messages: a district administrator rewords the sign-in
 * code in Spanish, and a Spanish-speaking guardian's code arrives (by real SMTP, GreenMail) in those
 * words while an English-speaking one still gets the shipped text; restoring brings the shipped text
 * back. A text that loses a placeholder is refused with 400 beside its field; nobody else may read or
 * change the texts.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=" + Mailbox.PORT })
class AutomaticMessagePageIntegrationTests {

	static final String PATH = "/admin/translation/texts";

	static final RequestPostProcessor DISTRICT_ADMIN = user("texts.admin@district.test").roles("DISTRICT_ADMIN");

	static final String SPANISH_CODE = "Distrito de Riverside: su código es {0}. Sirve durante {1} minutos; no lo comparta con nadie.";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(Mailbox.SMTP).withPerMethodLifecycle(false);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CuratedTexts curated;

	final Mailbox mail = new Mailbox(smtp, () -> jdbc);

	@BeforeEach
	@AfterEach
	void shippedTextsOnly() {
		jdbc.sql("delete from translation.curated_text").update();
		curated.forget();
	}

	@Test
	void anEditedSpanishSignInCodeReachesASpanishGuardianAndRestoringBringsBackTheShippedText() throws Exception {
		Document list = page(get(PATH));
		assertThat(list.select("tbody tr td:first-child").eachText()).contains("Sign-in code", "SMS HELP reply");
		assertThat(page(get("/admin")).select("main a[href=" + PATH + "] h2").text()).isEqualTo("Automatic messages");

		Document message = page(get(PATH + "/family.code.body"));
		assertThat(message.select("h1").text()).isEqualTo("Sign-in code");
		assertThat(message.select("section h2").eachText()).hasSize(8).contains("Spanish (Español)", "Vietnamese (Tiếng Việt)");
		assertThat(message.select("section[aria-labelledby=lang-es] dd").first().text())
			.isEqualTo("Su código para entrar en Homeroom es {0}. Vence en {1} minutos. Si usted no lo pidió, puede ignorar este mensaje.");

		Document form = page(get(PATH + "/family.code.body/es"));
		assertThat(form.select("textarea[name=text]").text()).startsWith("Su código para entrar en Homeroom es {0}.");
		assertThat(form.select("#text-hint").text()).contains("{0} {1}");

		mvc.perform(post(PATH + "/family.code.body/es").with(DISTRICT_ADMIN).with(csrf()).param("text", SPANISH_CODE))
			.andExpect(redirectedUrl(PATH + "/family.code.body"));
		assertThat(page(get(PATH + "/family.code.body")).select("section[aria-labelledby=lang-es] dd").eachText())
			.contains(SPANISH_CODE);
		assertThat(page(get(PATH).param("q", "sign-in code")).select("tbody tr .badge").eachText()).contains("Edited in Español");

		String spanish = signInCodeTo("Ana", "es");
		assertThat(spanish).contains("Distrito de Riverside: su código es ").contains("Sirve durante 10 minutos; no lo comparta")
			.doesNotContain("Su código para entrar en Homeroom");
		assertThat(codeIn(spanish)).hasSize(6);
		assertThat(signInCodeTo("Lena", "en")).as("other languages keep the shipped text")
			.contains("Your Homeroom sign-in code is ");

		Document confirm = page(get(PATH + "/family.code.body/es/restore"));
		assertThat(confirm.select("h1").text()).isEqualTo("Restore the shipped text");
		assertThat(texts()).as("asking restores nothing").hasSize(1);
		mvc.perform(post(PATH + "/family.code.body/es/restore").with(DISTRICT_ADMIN).with(csrf()))
			.andExpect(redirectedUrl(PATH + "/family.code.body"));
		assertThat(texts()).isEmpty();
		assertThat(signInCodeTo("Marisol", "es")).contains("Su código para entrar en Homeroom es ");
	}

	@Test
	void aTextThatDropsOrAddsAPlaceholderIsRefusedWith400BesideItsField() throws Exception {
		Document dropped = invalid(post(PATH + "/family.code.body/es").param("text", "Su código llega pronto. Vence en {1} minutos."));
		assertThat(dropped.select("#text-error").text()).startsWith("Keep the placeholders of the shipped text exactly");
		assertThat(dropped.select("#text").attr("aria-invalid")).isEqualTo("true");
		assertThat(dropped.select("#text").text()).as("what was typed stays").isEqualTo("Su código llega pronto. Vence en {1} minutos.");

		Document added = invalid(post(PATH + "/sms.help/es").param("text", "Llame a {0} o a {2}."));
		assertThat(added.select("#text-error").text()).startsWith("Keep the placeholders");
		Document renamed = invalid(post(PATH + "/family.code.body/es").param("text", "Código {code}, {1} minutos."));
		assertThat(renamed.select("#text-error").text()).startsWith("Keep the placeholders");
		Document brace = invalid(post(PATH + "/family.code.body/es").param("text", "Código {0} en {1} minutos :-}"));
		assertThat(brace.select("#text-error").text()).isEqualTo("Use braces only for the placeholders of the shipped text.");
		Document blank = invalid(post(PATH + "/sms.help.unknown/ar").param("text", "  "));
		assertThat(blank.select("#text-error").text()).isEqualTo("Write the text.");
		Document tooLong = invalid(post(PATH + "/sms.help/es").param("text", "{0} " + "x".repeat(1000)));
		assertThat(tooLong.select("#text-error").text()).isEqualTo("Use at most 1000 characters.");
		Document badVersion = invalid(post(PATH + "/sms.help/es").param("text", "Llame a {0}.").param("version", "many"));
		assertThat(badVersion.select("main").text()).contains("The text was not saved");

		mvc.perform(get(PATH + "/no.such.key").with(DISTRICT_ADMIN)).andExpect(status().isNotFound());
		mvc.perform(get(PATH + "/sms.help/xx").with(DISTRICT_ADMIN)).andExpect(status().isNotFound());
		mvc.perform(get(PATH).with(DISTRICT_ADMIN).param("q", "q".repeat(101))).andExpect(status().isBadRequest());
		assertThat(texts()).isEmpty();
	}

	@Test
	void aSecondEditFromAStaleFormIsRefusedRatherThanOverwritingTheFirst() throws Exception {
		mvc.perform(post(PATH + "/sms.help/es").with(DISTRICT_ADMIN).with(csrf()).param("text", "Primera versión: {0}."))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post(PATH + "/sms.help/es").with(DISTRICT_ADMIN).with(csrf()).param("text", "Segunda: {0}.").param("version", "0"))
			.andExpect(status().is3xxRedirection());
		Document stale = invalid(post(PATH + "/sms.help/es").param("text", "Tercera: {0}.").param("version", "0"));
		assertThat(stale.select("#version-error").text()).startsWith("Someone changed or restored this text");
		assertThat(stale.select("input[name=version]").val()).isEqualTo("1");
		assertThat(texts()).containsExactly("sms.help/es=Segunda: {0}.");
	}

	@Test
	void anEditedTextIsFilledInAsTheShippedOneIsAndOtherLanguagesFallBackToEnglish() throws Exception {
		mvc.perform(post(PATH + "/sms.long.code/pt").with(DISTRICT_ADMIN).with(csrf())
			.param("text", "Seu código da escola d'Aurora: {0}")).andExpect(status().is3xxRedirection());
		assertThat(curated.text("sms.long.code", Locale.forLanguageTag("pt-BR"), "123456"))
			.as("an apostrophe is a letter, not a MessageFormat quote").isEqualTo("Seu código da escola d'Aurora: 123456");
		assertThat(curated.text("sms.long.code", Locale.forLanguageTag("es"), "123456"))
			.isEqualTo("Su código para leer el mensaje de la escuela: 123456");
		assertThat(curated.text("sms.help.unknown", Locale.forLanguageTag("hmn")))
			.as("a language without pages gets English").startsWith("Homeroom school messages.");
	}

	@Test
	void nobodyButADistrictAdministratorReadsOrChangesTheTexts() throws Exception {
		for (RequestPostProcessor someone : List.of(user("teacher@district.test").roles("TEACHER"),
				user("principal@district.test").roles("SCHOOL_ADMIN"), user("parent@family.test").roles("GUARDIAN"))) {
			mvc.perform(get(PATH).with(someone)).andExpect(status().isForbidden());
			mvc.perform(get(PATH + "/sms.help/es").with(someone)).andExpect(status().isForbidden());
			mvc.perform(post(PATH + "/sms.help/es").with(someone).with(csrf()).param("text", "Hackeado {0}"))
				.andExpect(status().isForbidden());
		}
		assertThat(texts()).isEmpty();
	}

	private String signInCodeTo(String name, String language) throws Exception {
		String address = name.toLowerCase(Locale.ROOT) + "." + UUID.randomUUID().toString().substring(0, 8) + "@family.example";
		Districts.in(jdbc).aGuardian(name).speaking(language).reachableByEmail(address);
		mvc.perform(post("/api/v1/auth/family/code").with(request -> {
			request.setRemoteAddr("10.18.0." + (1 + Math.abs(address.hashCode() % 250)));
			return request;
		}).contentType("application/json").content("{\"contact\": \"" + address + "\"}")).andExpect(status().isAccepted());
		List<MimeMessage> received = mail.to(address, 1);
		assertThat(received).as("the code's e-mail to " + address).hasSize(1);
		Object content = received.get(0).getContent();
		return content instanceof String text ? text : GreenMailUtil.getBody(received.get(0));
	}

	private static String codeIn(String body) {
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		return code.find() ? code.group(1) : "";
	}

	private List<String> texts() {
		return jdbc.sql("select key || '/' || language || '=' || text from translation.curated_text order by key, language")
			.query(String.class).list();
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		String html = mvc.perform(request.with(DISTRICT_ADMIN)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		return Jsoup.parse(html);
	}

	private Document invalid(MockHttpServletRequestBuilder request) throws Exception {
		String html = mvc.perform(request.with(DISTRICT_ADMIN).with(csrf())).andExpect(status().isBadRequest()).andReturn()
			.getResponse().getContentAsString();
		return Jsoup.parse(html);
	}
}
