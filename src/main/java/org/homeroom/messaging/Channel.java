package org.homeroom.messaging;

/** How a delivery reaches a family; SMS only where the district has it configured (or in demo mode). */
public enum Channel {

	IN_APP, EMAIL, SMS
}
