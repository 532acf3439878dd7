package org.homeroom.messaging.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The words carriers and the CTIA require a text service to honour, when a message is only the
 * word (any case, spaces around it ignored). Anything longer ("stop texting me about the trip") is
 * a message for a person, not a keyword.
 */
enum SmsKeyword {

	OPT_OUT, OPT_IN, HELP;

	private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "REVOKE",
			"OPTOUT", "CANCEL", "OPT OUT");

	private static final Set<String> OPT_IN_WORDS = Set.of("START", "YES", "UNSTOP");

	private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

	static Optional<SmsKeyword> of(String body) {
		if (body == null || body.length() > 20) {
			return Optional.empty();
		}
		String word = body.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
		if (OPT_OUT_WORDS.contains(word)) {
			return Optional.of(OPT_OUT);
		}
		if (OPT_IN_WORDS.contains(word)) {
			return Optional.of(OPT_IN);
		}
		return HELP_WORDS.contains(word) ? Optional.of(HELP) : Optional.empty();
	}
}
