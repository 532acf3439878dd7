package org.homeroom.directory;

/**
 * Whether a phone number opted out of text messages (it texted STOP). Messaging holds the
 * opt-outs and answers; the directory asks, to show staff "opted out of SMS" beside the number.
 */
public interface PhoneOptOuts {

	boolean smsOptedOut(String phoneE164);
}
