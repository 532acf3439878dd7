package org.homeroom.messaging;

/** The same Idempotency-Key came with a different request: 422, so that the mistake is seen. */
class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException(String key) {
		super("The Idempotency-Key " + key + " was used before for a different request");
	}
}
