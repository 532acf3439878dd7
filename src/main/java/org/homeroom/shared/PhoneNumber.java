package org.homeroom.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * A phone number as a family gave it, normalised to E.164 ({@code +15555550123}) when it is a
 * valid number. An invalid number is kept as given and flagged, never dropped: a person can still
 * read it and correct it, and a channel will not send to it.
 *
 * @param value E.164 when {@code valid}, otherwise the input trimmed
 * @param valid whether libphonenumber judges it a possible, valid number
 */
public record PhoneNumber(String value, boolean valid) {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	/**
	 * @param input the number as written, with or without a country code
	 * @param defaultRegion ISO 3166 region for numbers written without one, e.g. {@code US}
	 */
	public static PhoneNumber parse(String input, String defaultRegion) {
		if (input == null || input.isBlank()) {
			throw new IllegalArgumentException("A phone number is required");
		}
		String trimmed = input.strip();
		try {
			var parsed = PHONES.parse(trimmed, defaultRegion);
			if (PHONES.isValidNumber(parsed)) {
				return new PhoneNumber(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164), true);
			}
		}
		catch (NumberParseException ex) {
			// falls through: kept as given, flagged invalid
		}
		return new PhoneNumber(trimmed, false);
	}

	/**
	 * A number as a person in {@code region} dials it: national format for a number of that country
	 * ("(555) 010-9999" in the US), international otherwise ("+44 20 7946 0958"), so a family reads
	 * the office's number the way they would write it. A number libphonenumber cannot read is shown
	 * as stored.
	 */
	public static String forDisplay(String stored, String region) {
		try {
			var parsed = PHONES.parse(stored, region);
			// Not formatOutOfCountryCallingNumber: inside the US it writes "1 (202) 555-0123".
			return PHONES.format(parsed, parsed.getCountryCode() == PHONES.getCountryCodeForRegion(region)
					? PhoneNumberUtil.PhoneNumberFormat.NATIONAL : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
		}
		catch (NumberParseException ex) {
			return stored;
		}
	}

	@Override
	public String toString() {
		return value;
	}
}
