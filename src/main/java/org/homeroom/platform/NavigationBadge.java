package org.homeroom.platform;

import org.springframework.security.core.Authentication;

/**
 * A count beside a navigation entry, such as a family's unread messages, supplied by the module
 * that owns the entry. {@code liveUpdates} is an event-stream address whose {@code count} events
 * carry new values, so that the badge changes without a reload.
 */
public interface NavigationBadge {

	String path();

	long count(Authentication user);

	String liveUpdates();
}
