package org.homeroom.messaging;

import java.time.Instant;
import java.util.UUID;

import org.homeroom.messaging.delivery.LanguageVersions;

/**
 * An announcement in a family's inbox, about the children it names, in the family's language.
 *
 * @param language the language the subject and body are meant for (the guardian's preference at release)
 * @param translation how they were made: ORIGINAL, MACHINE (labelled, with the original one tap away),
 *     UNTRANSLATED (the original, with the interpreter line), CURATED or REVIEWED
 * @param originalSubject the subject as the school wrote it
 * @param originalBody the body as the school wrote it
 */
public record InboxMessage(UUID id, String subject, String body, Category category, String children, Instant sentAt,
		boolean read, String language, String translation, String originalSubject, String originalBody) {

	/** The columns that read a delivered message in its family's language; with {@link #FROM_TRANSLATION}. */
	static final String IN_FAMILY_LANGUAGE = """
			coalesce(t.subject, a.subject) as subject, coalesce(t.body, a.body) as body, d.language,
			coalesce(t.kind, 'ORIGINAL') as translation, a.subject as original_subject, a.body as original_body
			""";

	/** Joins a delivery {@code d} to its language's version; older announcements have none and read as written. */
	static final String FROM_TRANSLATION = """
			left join messaging.announcement_translation t on t.announcement_id = d.announcement_id and t.language = d.language
			""";

	/** {@code rtl} for Arabic and the other right-to-left languages, for the message's {@code dir}. */
	public String direction() {
		return LanguageVersions.direction(language);
	}

	public boolean machineTranslated() {
		return "MACHINE".equals(translation);
	}

	public boolean untranslated() {
		return "UNTRANSLATED".equals(translation);
	}

	/** A message row as stored, with this family's names filled into the placeholders of both versions. */
	static InboxMessage forFamily(UUID id, String subject, String body, Category category, String childNames,
			String guardianName, String schoolNames, Instant sentAt, boolean read, String language, String translation,
			String originalSubject, String originalBody) {
		return new InboxMessage(id, filled(subject, guardianName, childNames, schoolNames),
				filled(body, guardianName, childNames, schoolNames), category, childNames, sentAt, read, language, translation,
				filled(originalSubject, guardianName, childNames, schoolNames),
				filled(originalBody, guardianName, childNames, schoolNames));
	}

	private static String filled(String template, String guardianName, String childNames, String schoolNames) {
		return org.homeroom.messaging.delivery.MessageRenderer.forFamily(template, guardianName, childNames, schoolNames);
	}
}
