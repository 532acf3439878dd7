package org.homeroom.messaging;

/** What an announcement is about; families may decline GENERAL and EVENT, never URGENT or ATTENDANCE. */
public enum Category {

	GENERAL, URGENT, ATTENDANCE, EVENT;

	public boolean optional() {
		return this == GENERAL || this == EVENT;
	}
}
