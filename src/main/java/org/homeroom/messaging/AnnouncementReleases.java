package org.homeroom.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.messaging.delivery.Releases;
import org.homeroom.translation.Translation;
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
 */
@Component
class AnnouncementReleases implements Releases {

	private static final Logger log = LoggerFactory.getLogger(AnnouncementReleases.class);

	private final Announcements announcements;

	private final Translations translations;

	AnnouncementReleases(Announcements announcements, Translations translations) {
		this.announcements = announcements;
		this.translations = translations;
	}

	@Override
	public List<UUID> due() {
		return announcements.dueAnnouncements();
	}

	@Override
	public void release(UUID announcement) {
		Announcements.ToTranslate texts = announcements.toTranslate(announcement).orElse(null);
		if (texts == null) {
			return;
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// A caller that needs the release atomic with its own work (a test holding the deliveries)
			// may not have an engine asked inside its transaction: the release goes ahead untranslated,
			// honestly labelled, rather than holding a transaction open over a network call.
			log.warn("Announcement {} released inside a caller's transaction: not translated", announcement);
			announcements.release(announcement, texts.version(), Map.of());
			return;
		}
		Map<String, Translation> translated = texts.languages().isEmpty() ? Map.of()
				: translations.translate(List.of(texts.subject(), texts.body()), AnnouncementTranslations.WRITTEN_IN,
						texts.languages().stream().filter(AnnouncementReleases::tag).toList());
		announcements.release(announcement, texts.version(), translated);
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
		return announcements.releaseFailed(announcement, failure);
	}
}
