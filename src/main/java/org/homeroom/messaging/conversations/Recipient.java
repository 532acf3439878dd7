package org.homeroom.messaging.conversations;

/**
 * Whom a family writes to: one of the child's teachers today, a counsellor assigned at the child's
 * school, or the school's office (whose administrators and family liaisons all see the thread).
 */
public enum Recipient {
	TEACHER, COUNSELOR, OFFICE
}
