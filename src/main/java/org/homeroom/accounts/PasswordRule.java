package org.homeroom.accounts;

import java.util.Optional;

import org.homeroom.platform.InvalidInputException;

/**
 * What makes a staff password acceptable, in one place, so that the first administrator, an
 * accepted invitation and a password reset all refuse the same passwords with the same message.
 * NIST SP 800-63B asks for at least 8 characters; staff accounts guard many children's records,
 * so Homeroom asks for 12. The pages' hint and the message texts say 12 as well.
 */
public final class PasswordRule {

	public static final int MINIMUM_LENGTH = 12;

	public static final String TOO_SHORT = "staffaccounts.password.too-short";

	public static final String MISMATCH = "staffaccounts.password.mismatch";

	private PasswordRule() {
	}

	/** The message key of what is wrong with this password, if anything. */
	public static Optional<String> problemWith(String password) {
		return password == null || password.length() < MINIMUM_LENGTH ? Optional.of(TOO_SHORT) : Optional.empty();
	}

	/** The message key of what is wrong with a new password typed twice on a form, if anything. */
	public static Optional<String> problemWith(String password, String confirmation) {
		return problemWith(password).or(() -> password.equals(confirmation) ? Optional.empty() : Optional.of(MISMATCH));
	}

	/** Refuses, for the {@code password} field, a password the rule does not accept. */
	public static void require(String password) {
		problemWith(password).ifPresent(key -> {
			throw new Refused(key);
		});
	}

	/** A password the rule refused; {@link #messageKey()} says why in the reader's language. */
	public static final class Refused extends InvalidInputException {

		private final String messageKey;

		Refused(String messageKey) {
			super("password", "A password needs at least " + MINIMUM_LENGTH + " characters");
			this.messageKey = messageKey;
		}

		public String messageKey() {
			return messageKey;
		}
	}
}
