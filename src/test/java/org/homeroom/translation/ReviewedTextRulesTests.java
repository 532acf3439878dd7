package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A reviewer's text keeps the original's placeholders exactly, because the sender fills in the same names. */
class ReviewedTextRulesTests {

	private static final String ORIGINAL = "Dear {guardianName}, {childName} leaves at noon.";

	@Test
	void aTextWithTheSamePlaceholdersIsKeptStripped() {
		assertThat(TranslationReviews.checked("texts[1]", "  {childName} sale al mediodía, {guardianName}. ", ORIGINAL))
			.isEqualTo("{childName} sale al mediodía, {guardianName}.");
	}

	@Test
	void aMissingPlaceholderIsRefusedNamingTheFieldAndThePlaceholder() {
		assertThatThrownBy(() -> TranslationReviews.checked("texts[1]", "Estimada familia, sale al mediodía.", ORIGINAL))
			.isInstanceOfSatisfying(TranslationReviews.TextRejected.class, rejected -> {
				assertThat(rejected.field()).isEqualTo("texts[1]");
				assertThat(rejected.problem()).isEqualTo(TranslationReviews.Problem.MISSING_PLACEHOLDER);
				assertThat(rejected.placeholder()).isEqualTo("{guardianName}");
			});
	}

	@Test
	void anAddedPlaceholderAndAnEmptyTextAreRefused() {
		assertThatThrownBy(() -> TranslationReviews.checked("texts[0]", "{guardianName} {childName} {school}", ORIGINAL))
			.isInstanceOfSatisfying(TranslationReviews.TextRejected.class,
					rejected -> assertThat(rejected.problem()).isEqualTo(TranslationReviews.Problem.ADDED_PLACEHOLDER));
		assertThatThrownBy(() -> TranslationReviews.checked("texts[0]", "  ", ORIGINAL))
			.isInstanceOfSatisfying(TranslationReviews.TextRejected.class,
					rejected -> assertThat(rejected.problem()).isEqualTo(TranslationReviews.Problem.EMPTY));
	}
}
