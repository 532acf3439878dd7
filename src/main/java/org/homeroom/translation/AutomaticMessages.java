package org.homeroom.translation;

import java.util.List;
import java.util.Optional;

/**
 * The automatic messages a district may reword: the one, reviewed list of the message keys that
 * Homeroom sends to families on its own and that {@link CuratedTexts} serves. A key is here only when
 * its sender reads it through {@link CuratedTexts}, so that an edit always reaches families; each has
 * a human name and says where it is used ({@code translation.curated.message.<key>.name} and
 * {@code .used} in the translation bundle). Keys that are parts of a longer text (the HELP reply's
 * office, a reply menu's option) are listed on their own, because each is worded on its own.
 */
final class AutomaticMessages {

	/** One automatic message, by its bundle key. */
	record AutomaticMessage(String key) {

		String nameKey() {
			return "translation.curated.message." + key + ".name";
		}

		String usedKey() {
			return "translation.curated.message." + key + ".used";
		}
	}

	static final List<AutomaticMessage> ALL = List.of(
			// accounts: OneTimeCodes (sign-in by code, e-mail and SMS)
			new AutomaticMessage("family.code.subject"), new AutomaticMessage("family.code.body"),
			// accounts: OneTimeCodes (a family confirms a contact it added)
			new AutomaticMessage("welcome.code.subject"), new AutomaticMessage("welcome.code.body"),
			// accounts: StaffContactChangeNotices
			new AutomaticMessage("family.staff-change.subject"), new AutomaticMessage("family.staff-change.body"),
			// messaging: SmsHelp
			new AutomaticMessage("sms.help"), new AutomaticMessage("sms.help.office"), new AutomaticMessage("sms.help.unknown"),
			// messaging: SmsLongTexts
			new AutomaticMessage("sms.long.note"), new AutomaticMessage("sms.long.code"),
			// messaging: OfficeHours (the automatic answer in a conversation)
			new AutomaticMessage("officehours.answer"), new AutomaticMessage("officehours.answer.note"),
			// messaging: ReplyMenus and StaffMessageTexts
			new AutomaticMessage("textreplies.menu"), new AutomaticMessage("textreplies.menu.option"),
			new AutomaticMessage("textreplies.relay"));

	private AutomaticMessages() {
	}

	static Optional<AutomaticMessage> find(String key) {
		return ALL.stream().filter(message -> message.key().equals(key)).findFirst();
	}
}
