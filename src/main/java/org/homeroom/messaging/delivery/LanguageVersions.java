package org.homeroom.messaging.delivery;

import java.util.Locale;

import org.homeroom.shared.LanguageTag;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a family reads besides the text itself, in their language, so that every channel labels a
 * translation honestly: a machine translation says so (with the original below it, or one tap
 * away), and a text no engine could translate comes with one line on how to ask for an
 * interpreter. The strings are in the messaging bundle, in every family language.
 */
@Component
public class LanguageVersions {

	/**
	 * The subject and body a claimed delivery carries: the family's language version, stored at
	 * release, or the original for an announcement released before translations were kept.
	 */
	static final String COLUMNS = """
			coalesce((select t.subject from messaging.announcement_translation t
			          where t.announcement_id = d.announcement_id and t.language = d.language), a.subject) as subject,
			coalesce((select t.body from messaging.announcement_translation t
			          where t.announcement_id = d.announcement_id and t.language = d.language), a.body) as body,
			a.category,
			coalesce((select t.kind from messaging.announcement_translation t
			          where t.announcement_id = d.announcement_id and t.language = d.language), 'ORIGINAL') as translation,
			a.subject as original_subject, a.body as original_body""";

	private final MessageSource messages;

	LanguageVersions(MessageSource messages) {
		this.messages = messages;
	}

	/** {@code rtl} or {@code ltr}, for a {@code dir} attribute around text in {@code language}. */
	public static String direction(String language) {
		return LanguageTag.direction(language);
	}

	static Locale locale(String language) {
		try {
			return LanguageTag.of(language).toLocale();
		}
		catch (IllegalArgumentException ex) {
			return Locale.ENGLISH;
		}
	}

	/** "Machine-translated from English. The original is below.", for e-mail. */
	String machineTranslatedOriginalBelow(String language) {
		return text("messaging.translation.machine", language) + " " + text("messaging.translation.original-below", language);
	}

	/** The heading over the original in an e-mail. */
	String originalHeading(String language) {
		return text("messaging.translation.original", language);
	}

	/** "Machine-translated from English.", over a message in the app. */
	public String machineLabel(String language) {
		return text("messaging.translation.machine", language);
	}

	/** "Show the original (English)", the control that opens the original in the app. */
	public String showOriginal(String language) {
		return text("messaging.translation.original.show", language);
	}

	/** The short label that starts a machine-translated text message. */
	String smsLabel(String language) {
		return text("messaging.translation.machine.sms", language);
	}

	/** The line that tells a family whose language no engine serves how to ask for an interpreter. */
	public String interpreterLine(String language) {
		return text("messaging.translation.interpreter", language);
	}

	private String text(String key, String language) {
		return messages.getMessage(key, null, locale(language));
	}
}
