package org.homeroom.messaging.sms;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.homeroom.directory.Directory;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.GuardianIdentity;
import org.homeroom.directory.GuardianPhones;
import org.homeroom.directory.SchoolOffice;
import org.homeroom.translation.CuratedTexts;
import org.springframework.stereotype.Component;

/**
 * The answer to HELP: who is texting (the schools of the children of the guardians with that
 * phone) and which number to call, in the family's language. A number nobody has on file gets the
 * same words without a school, so that a stranger learns nothing about who is enrolled where.
 */
@Component
class SmsHelp {

	private final FamilyDetails families;

	private final GuardianPhones phones;

	private final Directory directory;

	private final CuratedTexts messages;

	/** The HELP reply's words are automatic messages: a district's own text wins over the shipped one. */
	SmsHelp(FamilyDetails families, GuardianPhones phones, Directory directory, CuratedTexts messages) {
		this.families = families;
		this.phones = phones;
		this.directory = directory;
		this.messages = messages;
	}

	record Answer(String language, String text) {
	}

	Answer answerFor(String phoneE164) {
		List<GuardianIdentity> guardians = families.guardiansWithContact(phoneE164);
		String language = guardians.isEmpty() ? "en" : guardians.get(0).preferredLanguage();
		Locale locale = Locale.forLanguageTag(language == null ? "en" : language);
		List<SchoolOffice> offices = directory.offices(phones.schoolsOfChildren(guardians.stream().map(GuardianIdentity::id).toList()));
		if (offices.isEmpty()) {
			return new Answer(language, messages.text("sms.help.unknown", locale));
		}
		String where = offices.stream()
			.map(office -> office.phone() == null ? office.name()
					: messages.text("sms.help.office", locale, office.name(), office.phone()))
			.collect(Collectors.joining("; "));
		return new Answer(language, messages.text("sms.help", locale, where));
	}
}
