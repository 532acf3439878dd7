package org.homeroom.platform;

import java.util.Set;

/**
 * One entry of the main navigation. Each module declares its own entries as beans; the layout
 * shows those whose roles the signed-in user has (an empty set means every signed-in user).
 *
 * @param messageKey the label's key in the message bundles
 * @param path where the entry leads
 * @param order position from the start of the bar
 * @param roles role names without the {@code ROLE_} prefix
 */
public record NavigationItem(String messageKey, String path, int order, Set<String> roles) {

	public NavigationItem {
		roles = Set.copyOf(roles);
	}

	public boolean visibleTo(Set<String> userRoles) {
		return roles.isEmpty() || roles.stream().anyMatch(userRoles::contains);
	}
}
