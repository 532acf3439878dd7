package org.homeroom.messaging.conversations;

/**
 * Staff wrote in a thread none of whose guardians may be contacted about the student any more
 * (a no-contact restriction, or a guardian no longer linked): nothing is stored or sent.
 */
public class FamilyUnreachableException extends RuntimeException {

	FamilyUnreachableException() {
		super("No guardian in this conversation may be contacted about the student now");
	}
}
