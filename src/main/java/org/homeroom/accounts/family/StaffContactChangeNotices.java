package org.homeroom.accounts.family;

import java.util.List;
import java.util.Locale;

import org.homeroom.accounts.AccountsSettings;
import org.homeroom.directory.GuardianContactsChangedByStaff;
import org.homeroom.platform.UiLanguages;
import org.homeroom.translation.CuratedTexts;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Tells a family, on the contacts they used until now, that school staff changed the ones on file:
 * what was added (unused until the family confirms it) and what was taken away. A change they did
 * not expect is how a family learns that someone tried to point their account elsewhere. It goes
 * the way their sign-in codes go, after the change is committed.
 */
@Service
class StaffContactChangeNotices {

	private final OneTimeCodes codes;

	private final MessageSource messages;

	private final AccountsSettings settings;

	private final CuratedTexts curated;

	StaffContactChangeNotices(OneTimeCodes codes, MessageSource messages, AccountsSettings settings,
			CuratedTexts curated) {
		this.codes = codes;
		this.messages = messages;
		this.settings = settings;
		this.curated = curated;
	}

	@ApplicationModuleListener
	void on(GuardianContactsChangedByStaff change) {
		Locale language = UiLanguages.match(change.preferredLanguage()).orElse(Locale.ENGLISH);
		String subject = curated.text("family.staff-change.subject", language);
		String body = curated.text("family.staff-change.body", language, listed(change.added(), language),
				listed(change.removed(), language), settings.linkBase() + "/welcome/contacts");
		for (String contact : change.tellAt()) {
			codes.sendNotice(contact, subject, body);
		}
	}

	private String listed(List<String> values, Locale language) {
		return values.isEmpty() ? messages.getMessage("family.staff-change.none", null, language) : String.join(", ", values);
	}
}
