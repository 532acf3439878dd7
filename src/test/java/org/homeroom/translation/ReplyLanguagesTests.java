package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Telling the language of a family's reply, for a district whose families prefer the demo
 * district's languages: Haitian Creole among them, which Lingua has no model for.
 */
class ReplyLanguagesTests {

	static final List<String> DEMO_DISTRICT = List.of("es", "vi", "zh-Hans", "so", "ht", "pt-BR", "ar");

	/** One detector for the whole class: Lingua's models take a second or two to load. */
	static final ReplyLanguages languages = new ReplyLanguages(() -> DEMO_DISTRICT, Duration.ofDays(1));

	@Test
	void aVietnameseSpanishOrEnglishSentenceIsToldForWhatItIs() {
		assertThat(languages.detect("Chào cô, cháu bị ốm nên hôm nay không đi học được.")).contains("vi");
		assertThat(languages.detect("Mi hija no puede ir a la escuela hoy porque está enferma.")).contains("es");
		assertThat(languages.detect("Can we meet on Thursday afternoon instead?")).contains("en");
		assertThat(languages.detect("谢谢老师，我的孩子明天会迟到。")).contains("zh");
		assertThat(languages.detect("شكرا للمعلمة، ابني سيتأخر غدا.")).contains("ar");
	}

	@Test
	void aShortReplySaysNothing() {
		assertThat(languages.detect("ok")).isEmpty();
		assertThat(languages.detect("yes")).isEmpty();
		assertThat(languages.detect("Sí, ok")).isEmpty();
		assertThat(languages.detect("ok thanks")).isEmpty();
		assertThat(languages.detect("   ")).isEmpty();
		assertThat(languages.detect(null)).isEmpty();
	}

	@Test
	void haitianCreoleIsNeverToldAsALanguageTheDetectorDoesNotKnowNorMistakenForAnother() {
		assertThat(languages.languages()).containsExactlyInAnyOrder("en", "es", "vi", "zh", "so", "pt", "ar");
		assertThat(ReplyLanguages.knows("ht")).isFalse();
		assertThat(ReplyLanguages.knows("es-MX")).isTrue();
		for (String kreyol : List.of("Bonjou mèt la, pitit mwen an malad jodi a, li pap ka vini lekòl. Mwen va voye yon nòt demen.",
				"Mèsi pou mesaj la. Mwen te resevwa l e m ap pale ak pitit mwen aswè a.",
				"Eske nou ka fè reyinyon an lendi apre midi? Mwen travay nan maten.",
				"Mèsi anpil, pitit mwen an ap rive an reta demen maten.")) {
			assertThat(languages.detect(kreyol)).as(kreyol).isEmpty();
		}
	}

	@Test
	void aDistrictWithEnglishAloneHasNothingToTellApart() {
		ReplyLanguages englishOnly = new ReplyLanguages(() -> List.of("en-US", "ht"), Duration.ofDays(1));
		assertThat(englishOnly.languages()).containsExactly("en");
		assertThat(englishOnly.detect("Can we meet on Thursday afternoon instead?")).isEmpty();
	}

	@Test
	void theDetectorIsRebuiltWhenTheDistrictsLanguagesChange() {
		List<String> preferred = new ArrayList<>(List.of("es"));
		AtomicInteger asked = new AtomicInteger();
		ReplyLanguages changing = new ReplyLanguages(() -> {
			asked.incrementAndGet();
			return (Collection<String>) List.copyOf(preferred);
		}, Duration.ZERO);
		assertThat(changing.detect("Chào cô, cháu bị ốm nên hôm nay không đi học được.")).isNotEqualTo(java.util.Optional.of("vi"));
		preferred.add("vi");
		assertThat(changing.detect("Chào cô, cháu bị ốm nên hôm nay không đi học được.")).contains("vi");
		assertThat(changing.languages()).containsExactlyInAnyOrder("en", "es", "vi");
		assertThat(asked.get()).isGreaterThanOrEqualTo(2);

		ReplyLanguages patient = new ReplyLanguages(() -> {
			asked.incrementAndGet();
			return (Collection<String>) List.copyOf(preferred);
		}, Duration.ofMinutes(5));
		int before = asked.get();
		patient.languages();
		patient.languages();
		patient.detect("Mi hija no puede ir a la escuela hoy porque está enferma.");
		assertThat(asked.get() - before).as("the district's languages are read at most once in five minutes").isEqualTo(1);
	}

	@Test
	void wordsAreCountedInEveryScript() {
		assertThat(ReplyLanguages.enough("yes I will")).isTrue();
		assertThat(ReplyLanguages.enough("Vâng ạ")).isFalse();
		assertThat(ReplyLanguages.enough("明天会迟到了吗")).isFalse();
		assertThat(ReplyLanguages.enough("我的孩子明天会迟到")).isTrue();
		assertThat(ReplyLanguages.enough("12 34 56 78 90")).isFalse();
	}
}
