package org.homeroom.platform;

import java.util.Set;

/**
 * One entry of the navigation. Each module declares its own entries as beans; the layout shows
 * those whose roles the signed-in user has (an empty set means every signed-in user). Entries for
 * administering the district are gathered on one page, {@code /admin}, behind a single entry in
 * the bar, so that the bar stays one line however many such tools the modules add.
 *
 * @param messageKey the label's key in the message bundles; {@code <key>.description} describes it
 * @param path where the entry leads
 * @param order position from the start of the bar, or on the administration page
 * @param roles role names without the {@code ROLE_} prefix
 * @param administration whether the entry belongs on the administration page rather than the bar
 */
public record NavigationItem(String messageKey, String path, int order, Set<String> roles, boolean administration) {

	/**
	 * A model attribute a page sets (to {@code true}) to be shown without navigation: a page seen
	 * half-way through signing in, where no link, badge or live stream may lead on yet.
	 */
	public static final String WITHOUT_NAVIGATION = "withoutNavigation";

	public NavigationItem {
		roles = Set.copyOf(roles);
	}

	public NavigationItem(String messageKey, String path, int order, Set<String> roles) {
		this(messageKey, path, order, roles, false);
	}

	/** An entry for the administration page. */
	public static NavigationItem administration(String messageKey, String path, int order, Set<String> roles) {
		return new NavigationItem(messageKey, path, order, roles, true);
	}

	public boolean visibleTo(Set<String> userRoles) {
		return roles.isEmpty() || roles.stream().anyMatch(userRoles::contains);
	}
}
