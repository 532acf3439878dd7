package org.homeroom.platform;

/**
 * The port through which modules that may not depend on messaging (accounts' sign-in codes and
 * contact checks) send a text message to a phone. Messaging's SMS channel implements it with its
 * outbox: the text is queued in the caller's transaction and sent only after it commits, so no
 * caller waits on the provider inside a transaction. Absent a bean (a context without messaging),
 * callers treat texts as not configured.
 */
public interface TextMessages {

	/** Whether texts reach a provider: the district configured SMS. */
	boolean configured();

	/**
	 * Queues one text, in the caller's transaction.
	 *
	 * @param toE164 the number, E.164
	 * @param body the text
	 * @param language the reader's language (BCP 47)
	 * @param purpose what it is for ({@code SIGN_IN_CODE}, {@code VERIFY_CONTACT}), kept with it
	 */
	void send(String toE164, String body, String language, String purpose);
}
