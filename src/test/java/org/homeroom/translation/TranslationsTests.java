package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.homeroom.translation.Translation.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a message becomes in each language, through a recording engine: one request per language
 * whatever the number of recipients, placeholders and glossary terms kept out of the engine's hands
 * and put back, and the original sent whenever the engine breaks a marker or fails.
 */
class TranslationsTests {

	static final List<String> EIGHT = List.of("es", "ar", "vi", "zh", "so", "ht", "pt", "fr");

	static final String SUBJECT = "Early dismissal on Friday";

	static final String BODY = "Dear {guardianName}, {studentName} will leave Lincoln Elementary at noon on Friday. "
			+ "Bring your IEP questions to the early dismissal day meeting.";

	final RecordingEngine engine = new RecordingEngine("recording");

	List<GlossaryRules.Term> glossary = new ArrayList<>();

	Translations translations(String... routed) {
		Map<String, String> routes = new LinkedHashMap<>();
		for (String language : routed) {
			routes.put(language, engine.name());
		}
		return new Translations(new TranslationRoutes(List.of(engine), new TranslationSettings(Map.of(), routes)),
				() -> new GlossaryRules(glossary), new InMemoryTranslationCache());
	}

	@Test
	void anAnnouncementToFamiliesInEightLanguagesMakesOneRequestPerLanguage() {
		// Forty recipients' preferences, five of each of the eight languages, in no order.
		List<String> recipients = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			recipients.addAll(EIGHT);
		}

		Map<String, Translation> result = translations(EIGHT.toArray(String[]::new)).translate(List.of(SUBJECT, BODY), "en", recipients);

		assertThat(engine.requests()).hasSize(8);
		assertThat(engine.requests()).extracting(RecordingEngine.Request::target).containsExactlyElementsOf(EIGHT);
		assertThat(engine.requests()).allSatisfy(request -> assertThat(request.texts()).as("subject and body in one request").hasSize(2));
		assertThat(result.keySet()).containsExactlyElementsOf(EIGHT);
		assertThat(result.values()).allSatisfy(translation -> {
			assertThat(translation.kind()).isEqualTo(Kind.MACHINE);
			assertThat(translation.engine()).isEqualTo("recording");
		});
		assertThat(result.get("vi").text(0)).isEqualTo("vi: Early dismissal on Friday");
	}

	@Test
	void aReviewersApprovedTextIsAnsweredAsReviewedWithoutAskingTheEngine() {
		Map<String, Translation> result = new Translations(new TranslationRoutes(List.of(engine),
				new TranslationSettings(Map.of(), Map.of("es", engine.name(), "vi", engine.name()))),
				() -> new GlossaryRules(glossary), new InMemoryTranslationCache(),
				(hash, languages) -> hash.equals(ReviewedTexts.hash("en", List.of(SUBJECT, BODY)))
						? Map.of("es", List.of("Salida temprana", "Estimada familia {guardianName}: salida temprana."))
						: Map.of())
			.translate(List.of(SUBJECT, BODY), "en", List.of("es-MX", "vi"));

		assertThat(result.get("es-MX").kind()).isEqualTo(Kind.REVIEWED);
		assertThat(result.get("es-MX").engine()).isNull();
		assertThat(result.get("es-MX").texts()).containsExactly("Salida temprana", "Estimada familia {guardianName}: salida temprana.");
		assertThat(result.get("vi").kind()).as("a language nobody approved goes to the engine").isEqualTo(Kind.MACHINE);
		assertThat(engine.requests()).extracting(RecordingEngine.Request::target).containsExactly("vi");
	}

	@Test
	void placeholdersNeverReachTheEngineAndComeBackAfterIt() {
		Map<String, Translation> result = translations("es").translate("Dear {guardianName}, {studentName} was absent today ({date}).",
				"en", List.of("es"));

		assertThat(engine.everythingSent()).containsExactly("Dear ⟦0⟧, ⟦1⟧ was absent today (⟦2⟧).");
		assertThat(result.get("es").texts()).containsExactly("es: Dear {guardianName}, {studentName} was absent today ({date}).");
		assertThat(result.get("es").kind()).isEqualTo(Kind.MACHINE);
	}

	@Test
	void anEngineThatLosesAMarkerLeavesTheMessageUntranslated() {
		engine.answering(text -> "Querido, " + text.substring(text.indexOf("⟦1⟧")));

		Translation spanish = translations("es").translate(List.of(SUBJECT, BODY), "en", List.of("es")).get("es");

		assertThat(spanish.kind()).isEqualTo(Kind.UNTRANSLATED);
		assertThat(spanish.engine()).isNull();
		assertThat(spanish.texts()).as("the original, placeholders and all, for the caller to send").containsExactly(SUBJECT, BODY);
	}

	@Test
	void anEngineThatRepeatsOrManglesAMarkerLeavesTheMessageUntranslated() {
		engine.answering(text -> text.replace("⟦0⟧", "⟦0⟧ ⟦0⟧"));
		assertThat(translations("es").translate("Dear {guardianName},", "en", List.of("es")).get("es").kind())
			.isEqualTo(Kind.UNTRANSLATED);

		RecordingEngine mangling = new RecordingEngine("recording").answering(text -> text.replace("⟦0⟧", "[0]"));
		Translations withMangling = new Translations(new TranslationRoutes(List.of(mangling),
				new TranslationSettings(Map.of(), Map.of("es", "recording"))), () -> GlossaryRules.NONE, new InMemoryTranslationCache());
		assertThat(withMangling.translate("Dear {guardianName},", "en", List.of("es")).get("es").kind()).isEqualTo(Kind.UNTRANSLATED);
	}

	@Test
	void spacesAnEnginePutsInsideAMarkerAreForgiven() {
		engine.answering(text -> "Querido " + text.replace("⟦0⟧", "⟦ 0 ⟧").substring("Dear ".length()));

		Translation spanish = translations("es").translate("Dear {guardianName},", "en", List.of("es")).get("es");

		assertThat(spanish.texts()).containsExactly("Querido {guardianName},");
	}

	@Test
	void glossaryNamesAreKeptAsWrittenAndTermsOfArtGetTheirFixedTranslation() {
		glossary.add(new GlossaryRules.Term("Lincoln Elementary", true, Map.of()));
		glossary.add(new GlossaryRules.Term("IEP", false, Map.of("es", "PEI", "ar", "خطة التعليم الفردية")));
		glossary.add(new GlossaryRules.Term("early dismissal", false, Map.of("es", "salida temprana")));
		glossary.add(new GlossaryRules.Term("early dismissal day", false, Map.of("es", "día de salida temprana")));

		Map<String, Translation> result = translations("es", "ar", "fr").translate(List.of(SUBJECT, BODY), "en", List.of("es", "ar", "fr"));

		List<String> sentInSpanish = engine.requests().get(0).texts();
		assertThat(sentInSpanish).containsExactly("⟦0⟧ on Friday",
				"Dear ⟦0⟧, ⟦1⟧ will leave ⟦2⟧ at noon on Friday. Bring your ⟦3⟧ questions to the ⟦4⟧ meeting.");
		assertThat(result.get("es").texts()).containsExactly("es: salida temprana on Friday",
				"es: Dear {guardianName}, {studentName} will leave Lincoln Elementary at noon on Friday. "
						+ "Bring your PEI questions to the día de salida temprana meeting.");
		assertThat(result.get("ar").text(1)).contains("Lincoln Elementary", "خطة التعليم الفردية").doesNotContain("IEP");
		assertThat(engine.requests().get(2).texts().get(1)).as("French has no fixed translations: the engine translates those terms")
			.contains("IEP", "early dismissal day").doesNotContain("Lincoln");
		assertThat(result.get("fr").text(1)).contains("Lincoln Elementary", "IEP");
	}

	@Test
	void glossaryTermsMatchWholeWordsInAnyCase() {
		glossary.add(new GlossaryRules.Term("Lincoln Elementary", true, Map.of()));
		glossary.add(new GlossaryRules.Term("IEP", false, Map.of("es", "PEI")));

		Translation spanish = translations("es")
			.translate("At LINCOLN   elementary, the IEPs and the iep meeting.", "en", List.of("es")).get("es");

		assertThat(engine.everythingSent()).containsExactly("At ⟦0⟧, the IEPs and the ⟦1⟧ meeting.");
		assertThat(spanish.text(0)).as("a name stays as the writer wrote it")
			.isEqualTo("es: At LINCOLN   elementary, the IEPs and the PEI meeting.");
	}

	@Test
	void aTextThatIsOnlyPlaceholdersAndTermsIsNotSent() {
		glossary.add(new GlossaryRules.Term("IEP", false, Map.of("es", "PEI")));

		Translation spanish = translations("es").translate(List.of("{studentName}: IEP", "Hello"), "en", List.of("es")).get("es");

		assertThat(engine.everythingSent()).containsExactly("Hello");
		assertThat(spanish.texts()).containsExactly("{studentName}: PEI", "es: Hello");
	}

	@Test
	void theSameLanguageIsTheOriginalAndAnUnroutedOneIsUntranslatedWithoutARequest() {
		Map<String, Translation> result = translations("es").translate(List.of(SUBJECT, BODY), "en", List.of("en-US", "en", "so", "es-MX"));

		assertThat(result.get("en-US").kind()).isEqualTo(Kind.ORIGINAL);
		assertThat(result.get("en").texts()).containsExactly(SUBJECT, BODY);
		assertThat(result.get("so").kind()).isEqualTo(Kind.UNTRANSLATED);
		assertThat(result.get("so").texts()).containsExactly(SUBJECT, BODY);
		assertThat(result.get("es-MX").kind()).isEqualTo(Kind.MACHINE);
		assertThat(engine.requests()).extracting(RecordingEngine.Request::target).containsExactly("es");
	}

	@Test
	void aFailingEngineLeavesThatLanguageUntranslated() {
		engine.failing();

		Translation spanish = translations("es").translate(List.of(SUBJECT, BODY), "en", List.of("es")).get("es");

		assertThat(spanish.kind()).isEqualTo(Kind.UNTRANSLATED);
		assertThat(spanish.texts()).containsExactly(SUBJECT, BODY);
	}

	@Test
	void theSameTextIsNotSentTwice() {
		Translations translations = translations("es");
		translations.translate(List.of(SUBJECT, BODY), "en", List.of("es"));
		Map<String, Translation> again = translations.translate(List.of(SUBJECT, "Another body"), "en", List.of("es"));

		assertThat(engine.requests()).hasSize(2);
		assertThat(engine.requests().get(1).texts()).as("only what was not translated before").containsExactly("Another body");
		assertThat(again.get("es").texts()).containsExactly("es: " + SUBJECT, "es: Another body");
	}

	@Test
	void aBrokenAnswerIsNotKeptAndIsAskedAgain() {
		Translations translations = translations("es");
		engine.answering(text -> text.replace("⟦0⟧", ""));
		assertThat(translations.translate("Dear {guardianName},", "en", List.of("es")).get("es").kind()).isEqualTo(Kind.UNTRANSLATED);

		engine.answering(text -> "Querido ⟦0⟧,");
		Translation spanish = translations.translate("Dear {guardianName},", "en", List.of("es")).get("es");

		assertThat(engine.requests()).hasSize(2);
		assertThat(spanish.texts()).containsExactly("Querido {guardianName},");
	}

	@Test
	void refusesToCallAnEngineInsideADatabaseTransaction() {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			assertThatThrownBy(() -> translations("es").translate(BODY, "en", Set.of("es"))).isInstanceOf(IllegalStateException.class);
			assertThat(engine.requests()).isEmpty();
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}
	}
}
