package org.homeroom.messaging;

/** How a delivery reaches a family. */
public enum Channel {

	IN_APP, EMAIL
}
