package org.homeroom.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.messaging.delivery.Releases;
import org.homeroom.translation.Translation;
import org.homeroom.translation.TranslationReviews;
import org.homeroom.translation.Translations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands the delivery worker the release of announcements, which stays package-private to this
 * package. A release is three steps, so that no engine is asked inside a transaction: the texts
 * and the audience's languages are read, then translated (one request per language, on the
 * worker's thread), then the release transaction writes the translations with the deliveries. An
 * announcement changed in between is left for the next pass, which translates it again.
 *
 * <p>Between the translation and the release, human review: where the district chose the
 * announcement's category for review and a language's translation came from an engine, and that
 * language has a reviewer, the announcement stays SCHEDULED and is looked at again later (a
 * reviewer's approval, an urgent deadline, or its sender choosing the machine translation lets it
 * go). The translations on a later pass come from the cache, so waiting asks no engine again.
 */
@Component
class AnnouncementReleases implements Releases {

	private static final Logger log = LoggerFactory.getLogger(AnnouncementReleases.class);

	private final AnnouncementReleaseTransactions steps;

	private final Translations translations;

	private final TranslationReviews reviews;

	private final Clock clock;

	AnnouncementReleases(AnnouncementReleaseTransactions steps, Translations translations, TranslationReviews reviews,
			Clock clock) {
		this.steps = steps;
		this.translations = translations;
		this.reviews = reviews;
		this.clock = clock;
	}

	@Override
	public List<UUID> due() {
		return steps.dueAnnouncements();
	}

	@Override
	public void release(UUID announcement) {
		AnnouncementReleaseTransactions.ToTranslate texts = steps.toTranslate(announcement).orElse(null);
		if (texts == null) {
			return;
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// A caller that needs the release atomic with its own work (a test holding the deliveries)
			// may not have an engine asked inside its transaction: the release goes ahead untranslated,
			// honestly labelled, rather than holding a transaction open over a network call.
			log.warn("Announcement {} released inside a caller's transaction: not translated", announcement);
			steps.release(announcement, texts.version(), Map.of());
			return;
		}
		List<String> source = List.of(texts.subject(), texts.body());
		Map<String, Translation> translated = texts.languages().isEmpty() ? Map.of()
				: translations.translate(source, Translations.WRITTEN_IN,
						texts.languages().stream().filter(AnnouncementReleases::tag).toList());
		if (!texts.machineChosen()) {
			Instant since = texts.reviewSince() == null ? clock.instant() : texts.reviewSince();
			TranslationReviews.ReviewWait wait = reviews.await(source, Translations.WRITTEN_IN, texts.category().name(),
					texts.category() == Category.URGENT, since, translated);
			if (wait.waiting()) {
				steps.awaitReview(announcement, texts.version(), since, wait);
				return;
			}
		}
		steps.release(announcement, texts.version(), translated);
	}

	private static boolean tag(String language) {
		try {
			org.homeroom.shared.LanguageTag.of(language);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public boolean failed(UUID announcement, RuntimeException failure) {
		return steps.releaseFailed(announcement, failure);
	}
}
