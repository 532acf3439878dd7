package org.homeroom.accounts;

import java.util.Locale;

import org.homeroom.directory.RosterSyncFailed;
import org.homeroom.platform.OutgoingMail;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Tells every district administrator, by e-mail in their own language, that the scheduled roster
 * sync failed: nobody watches a scheduled run, and only they can correct the files or confirm a
 * large deactivation. The directory reports the failure; accounts knows who the administrators are.
 */
@Service
class RosterSyncNotifications {

	private final AccountRepository accounts;

	private final OutgoingMail mail;

	private final MessageSource messages;

	private final AccountsSettings settings;

	RosterSyncNotifications(AccountRepository accounts, OutgoingMail mail, MessageSource messages,
			AccountsSettings settings) {
		this.accounts = accounts;
		this.mail = mail;
		this.messages = messages;
		this.settings = settings;
	}

	@ApplicationModuleListener
	void on(RosterSyncFailed failure) {
		String link = settings.linkBase() + (failure.importId() == null ? "/admin/imports" : "/admin/imports/" + failure.importId());
		for (Account admin : accounts.findActiveHolding(Role.DISTRICT_ADMIN)) {
			Locale locale = Locale.forLanguageTag(admin.preferredLanguage().value());
			mail.send(admin.username(), messages.getMessage("imports.sync.mail.subject", null, locale),
					messages.getMessage("imports.sync.mail." + failure.problem().name(),
							new Object[] { admin.displayName(), failure.source(), link, failure.guardPercent(), failure.tries() }, locale));
		}
	}
}
