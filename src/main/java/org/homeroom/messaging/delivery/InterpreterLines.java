package org.homeroom.messaging.delivery;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.directory.OfficePhones;
import org.homeroom.directory.SchoolOffice;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The line a family gets with a message no engine could put into their language, telling them how
 * to ask for an interpreter (issue 18): with the school office's phone, written as it is dialled in
 * the district, when the school has one on record, else the general "call your school office". An
 * announcement names the offices of the schools the family's children attend; a conversation, the
 * office of the thread's school. In the family's language, for e-mail, SMS and the app alike.
 * <p>In right-to-left languages the number is isolated (U+2068 … U+2069), so that its digits and
 * brackets keep their order inside Arabic text.
 */
@Component
public class InterpreterLines {

	private static final String FIRST_STRONG_ISOLATE = "\u2068";

	private static final String POP_DIRECTIONAL_ISOLATE = "\u2069";

	private final OfficePhones offices;

	private final MessageSource messages;

	private final LanguageVersions versions;

	InterpreterLines(OfficePhones offices, MessageSource messages, LanguageVersions versions) {
		this.offices = offices;
		this.messages = messages;
		this.versions = versions;
	}

	/**
	 * "This message is in English. To ask for an interpreter, call your school office at …", for an
	 * announcement to the given guardians (a family's own ids).
	 */
	public String forAnnouncement(String language, Collection<UUID> guardianIds) {
		String phones = phones(offices.ofChildrenOf(guardianIds), language);
		return phones == null ? versions.interpreterLine(language)
				: messages.getMessage("messaging.translation.interpreter.phone", new Object[] { phones },
						LanguageVersions.locale(language));
	}

	/**
	 * "To ask for an interpreter, call your school office at …", for a conversation of the given
	 * school; it follows the line that says what language the message is in.
	 */
	public String forConversation(String language, UUID schoolId) {
		String phones = phones(offices.ofSchools(List.of(schoolId)), language);
		return phones == null ? messages.getMessage("conversations.interpreter", null, LanguageVersions.locale(language))
				: messages.getMessage("conversations.interpreter.phone", new Object[] { phones },
						LanguageVersions.locale(language));
	}

	/**
	 * The school's office number alone, as a text message names it where every character counts,
	 * or empty when the school has none on record.
	 */
	public java.util.Optional<String> officePhone(String language, UUID schoolId) {
		return java.util.Optional.ofNullable(phones(offices.ofSchools(List.of(schoolId)), language));
	}

	/** One office: its number; several (children at different schools): each school's name and number. */
	private static String phones(List<SchoolOffice> known, String language) {
		if (known.isEmpty()) {
			return null;
		}
		boolean rtl = "rtl".equals(LanguageVersions.direction(language));
		if (known.size() == 1) {
			return isolated(known.get(0).phone(), rtl);
		}
		return known.stream().map(office -> office.name() + " " + isolated(office.phone(), rtl))
			.collect(Collectors.joining("; "));
	}

	private static String isolated(String phone, boolean rtl) {
		return rtl ? FIRST_STRONG_ISOLATE + phone + POP_DIRECTIONAL_ISOLATE : phone;
	}
}
