package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.homeroom.shared.LanguageTag;
import org.homeroom.translation.Translation;
import org.homeroom.translation.Translations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps an announcement's translations, one row per language its recipients prefer, written by the
 * release transaction from what {@code Translations} made before it opened. Every channel reads the
 * family's language from here, so a district announcement costs one engine request per language,
 * however many families read it.
 */
@Component
class AnnouncementTranslations {

	private final JdbcClient jdbc;

	private final Clock clock;

	AnnouncementTranslations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores the translations made for the release, then the original for any recipient language
	 * they lack (a guardian who changed their preference between the translation and the release):
	 * as ORIGINAL where it is the announcement's language, else UNTRANSLATED, which is sent with the
	 * interpreter line. Called inside the release transaction, after the recipients are written.
	 */
	void store(UUID announcement, String subject, String body, Map<String, Translation> translated) {
		Timestamp now = Timestamp.from(clock.instant());
		for (String language : jdbc.sql("select distinct language from messaging.recipient where announcement_id = ?")
			.param(announcement).query(String.class).list()) {
			Translation made = made(language, translated);
			if (made != null && made.texts().size() == 2) {
				insert(announcement, language, made.text(0), made.text(1), made.kind().name(), made.engine(), now);
			}
			else {
				insert(announcement, language, subject, body, original(language) ? "ORIGINAL" : "UNTRANSLATED", null, now);
			}
		}
	}

	private static Translation made(String language, Map<String, Translation> translated) {
		Translation exact = translated.get(language);
		if (exact != null) {
			return exact;
		}
		try {
			return translated.get(LanguageTag.of(language).value());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static boolean original(String language) {
		try {
			return LanguageTag.of(language).language().equals(Translations.WRITTEN_IN);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private void insert(UUID announcement, String language, String subject, String body, String kind, String engine,
			Timestamp now) {
		jdbc.sql("""
				insert into messaging.announcement_translation (announcement_id, language, subject, body, kind, engine, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(announcement, language, subject, body, kind, engine, now).update();
	}
}
