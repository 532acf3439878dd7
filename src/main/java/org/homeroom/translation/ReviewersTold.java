package org.homeroom.translation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.directory.StaffAdministration;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.platform.UserProfiles;
import org.homeroom.shared.LanguageTag;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a language's reviewers, by e-mail in their own language, that an urgent message could not
 * wait for them and went out machine-translated. The request stays on their page, marked so, and
 * their approval serves the next message with the same words. The mail is queued in the caller's
 * transaction and sent after it commits ({@link OutgoingMail}); it names the language, never the
 * message's text.
 */
@Component
class ReviewersTold {

	private final StaffAdministration staff;

	private final UserProfiles profiles;

	private final OutgoingMail mail;

	private final MessageSource messages;

	ReviewersTold(StaffAdministration staff, UserProfiles profiles, OutgoingMail mail, MessageSource messages) {
		this.staff = staff;
		this.profiles = profiles;
		this.mail = mail;
		this.messages = messages;
	}

	void lapsed(String language, List<UUID> reviewers) {
		for (UUID reviewer : reviewers) {
			staff.staffRecord(reviewer).filter(StaffAdministration.StaffMember::active).ifPresent(member -> {
				Locale locale = profiles.find(member.email()).map(profile -> profile.language().toLocale())
					.orElse(LanguageTag.ENGLISH.toLocale());
				String languageName = TranslationPageController.languageName(language, locale);
				mail.send(member.email(), messages.getMessage("translation.review.mail.subject", new Object[] { languageName }, locale),
						messages.getMessage("translation.review.mail.body", new Object[] { languageName }, locale));
			});
		}
	}
}
