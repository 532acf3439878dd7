package org.homeroom.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.homeroom.messaging.sms.SmsSegments;
import org.homeroom.shared.LanguageTag;
import org.homeroom.translation.Translation;
import org.homeroom.translation.TranslationReviews;
import org.homeroom.translation.TranslationRoutes;
import org.homeroom.translation.Translations;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Before sending, the sender sees" (issue 18): an announcement's subject and body in each language
 * of the families it would reach, how each was made, who would receive the original with the
 * interpreter line because no engine translates their language, and which languages' SMS would be
 * too long to go whole, and which languages would wait for a reviewer (human review). Only counts per language leave here, as in the audience preview: no
 * guardian is named.
 *
 * <p>This asks the engines (at most one request per language, cached), so it runs only when the
 * sender presses "Preview translations", and outside any transaction: the audience is read first, in
 * its own read-only transaction, and {@link Translations} refuses to run inside one.
 */
@Component
class DraftTranslations {

	/** The line added, in the family's language, to a message no engine could translate (as delivery adds it). */
	static final String INTERPRETER_LINE = "messaging.translation.interpreter";

	private final Translations translations;

	private final TranslationRoutes routes;

	private final MessageSource messages;

	private final TranslationReviews reviews;

	DraftTranslations(Translations translations, TranslationRoutes routes, MessageSource messages,
			TranslationReviews reviews) {
		this.translations = translations;
		this.routes = routes;
		this.messages = messages;
		this.reviews = reviews;
	}

	/**
	 * The preview for the families the audience preview counted, by language.
	 *
	 * @param names each language's name in the sender's language, by tag
	 */
	TranslationPreview preview(AudiencePreview audience, String subject, String body, Category category,
			Set<Channel> channels, Map<String, String> names) {
		Map<String, Translation> byLanguage = translations.translate(List.of(subject.strip(), body.strip()), Translations.WRITTEN_IN,
				audience.byLanguage().keySet());
		Set<String> waiting = reviews.wouldWait(category.name(), byLanguage);
		boolean sms = channels.contains(Channel.SMS);
		List<LanguagePreview> languages = new ArrayList<>();
		audience.byLanguage().forEach((tag, guardians) -> {
			Translation translation = byLanguage.get(LanguageTag.of(tag).value());
			boolean untranslated = !translation.translated();
			String line = untranslated ? interpreterLine(tag) : null;
			String text = translation.text(0) + "\n" + translation.text(1) + (line == null ? "" : "\n\n" + line);
			int segments = sms ? SmsSegments.count(text) : 0;
			languages.add(new LanguagePreview(tag, names.getOrDefault(tag, tag), guardians, translation.kind(),
					translation.engine(), translation.text(0), translation.text(1),
					untranslated ? (routes.routeFor(tag).isPresent() ? "ROUTED_UNAVAILABLE" : "NOT_ROUTED") : null, line,
					segments, sms && segments > SmsSegments.MOST_SENT_WHOLE,
					translation.kind() == Translation.Kind.MACHINE && waiting.contains(LanguageTag.of(tag).language())));
		});
		return new TranslationPreview(languages, routes.engines().isEmpty(), sms,
				messages.getMessage(INTERPRETER_LINE, null, Locale.ENGLISH),
				category == Category.URGENT ? Math.max(1, (reviews.urgentWait().toSeconds() + 59) / 60) : null);
	}

	/** The interpreter line as the family reads it, falling back to English where their bundle lacks it. */
	private String interpreterLine(String tag) {
		return messages.getMessage(INTERPRETER_LINE, null, Locale.forLanguageTag(tag));
	}

	/**
	 * @param languages each language of the families reached, in the audience preview's order
	 * @param noEngine no engine is configured at all, so every language but English goes untranslated
	 * @param sms whether SMS is one of the chosen channels (so segment counts were made)
	 * @param interpreterLineInEnglish the interpreter line's text in English, for the sender to read
	 * @param urgentWaitMinutes for an urgent message, the most it waits for a reviewer, in whole minutes
	 *     rounded up; null otherwise
	 */
	record TranslationPreview(List<LanguagePreview> languages, boolean noEngine, boolean sms, String interpreterLineInEnglish,
			Long urgentWaitMinutes) {

		public List<LanguagePreview> waitingForReview() {
			return languages.stream().filter(LanguagePreview::waitsForReview).toList();
		}

		public List<LanguagePreview> untranslated() {
			return languages.stream().filter(language -> language.kind() == Translation.Kind.UNTRANSLATED).toList();
		}

		public long untranslatedGuardians() {
			return untranslated().stream().mapToLong(LanguagePreview::guardians).sum();
		}

		public List<LanguagePreview> overSms() {
			return languages.stream().filter(LanguagePreview::overSms).toList();
		}
	}

	/**
	 * One language of the audience.
	 *
	 * @param why for an untranslated language: {@code NOT_ROUTED} (no engine is routed to it) or
	 *     {@code ROUTED_UNAVAILABLE} (its engine does not serve it, failed or broke a placeholder)
	 * @param interpreterLine the line those families receive with the original, in their language
	 * @param smsSegments the SMS's segments (subject, line break, body), 0 when SMS is not chosen
	 * @param overSms more than {@link SmsSegments#MOST_SENT_WHOLE} segments: it goes as a short text and a link
	 * @param waitsForReview its machine translation would wait for a reviewer's approved text
	 */
	record LanguagePreview(String tag, String name, long guardians, Translation.Kind kind, String engine, String subject,
			String body, String why, String interpreterLine, int smsSegments, boolean overSms, boolean waitsForReview) {
	}
}
