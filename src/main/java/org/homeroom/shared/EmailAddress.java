package org.homeroom.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address, trimmed and lower-cased so that it can serve as a sign-in name and be
 * compared. Validation is deliberately loose (one {@code @}, a dot in the domain, no spaces):
 * the only real test of an address is a message that arrives.
 */
public record EmailAddress(String value) {

	private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	public EmailAddress {
		if (value == null || !SHAPE.matcher(value.trim()).matches()) {
			throw new IllegalArgumentException("Not an e-mail address: " + value);
		}
		value = value.trim().toLowerCase(Locale.ROOT);
	}

	public static EmailAddress of(String value) {
		return new EmailAddress(value);
	}

	public static boolean isValid(String value) {
		return value != null && SHAPE.matcher(value.trim()).matches();
	}

	@Override
	public String toString() {
		return value;
	}
}
