package org.homeroom.messaging.sms;

/**
 * How many SMS segments a text takes (3GPP TS 23.038). A text of GSM-7 characters only holds 160
 * in one segment, or 153 in each of several (the rest carries the header that joins them); the
 * characters of GSM-7's extension table ({@code ^ { } \ [ ~ ] | €} and form feed) take two places.
 * One character outside GSM-7 makes the whole text UCS-2: 70 in one segment, 67 each when split,
 * counted in UTF-16 units (an emoji takes two).
 */
public final class SmsSegments {

	/** The longest a text may be in segments and still be sent whole; a longer one is sent as a link. */
	public static final int MOST_SENT_WHOLE = 3;

	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String EXTENSION = "^{}\\[~]|€\f";

	private SmsSegments() {
	}

	/** Whether every character of the text is in GSM-7's basic or extension table. */
	public static boolean gsm7(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\u001B' || (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0)) {
				return false;
			}
		}
		return true;
	}

	/** The text's length as the encoding counts it: GSM-7 septets (extensions count 2), or UTF-16 units. */
	public static int units(String text) {
		if (!gsm7(text)) {
			return text.length();
		}
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			septets += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
		}
		return septets;
	}

	/** How many segments the text takes; an empty text takes one. */
	public static int count(String text) {
		boolean gsm = gsm7(text);
		int units = units(text);
		int single = gsm ? 160 : 70;
		int each = gsm ? 153 : 67;
		if (units <= single) {
			return 1;
		}
		return (units + each - 1) / each;
	}

	/** Whether the text fits in {@link #MOST_SENT_WHOLE} segments. */
	public static boolean sentWhole(String text) {
		return count(text) <= MOST_SENT_WHOLE;
	}
}
