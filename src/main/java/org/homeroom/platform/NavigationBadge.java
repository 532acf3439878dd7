package org.homeroom.platform;

import org.springframework.security.core.Authentication;

/**
 * A count beside a navigation entry, such as a family's unread messages, supplied by the module
 * that owns the entry. {@code liveUpdates} is an event-stream address whose {@code count} events
 * carry new values, so that the badge changes without a reload; without one (null), the count is
 * shown as the page was drawn.
 */
public interface NavigationBadge {

	String path();

	long count(Authentication user);

	String liveUpdates();

	/**
	 * Whether the entry is for this user at all: an entry for a few holders of a grant rather than
	 * a role (a translation reviewer) is left out of everyone else's bar.
	 */
	default boolean shown(Authentication user) {
		return true;
	}
}
