package org.homeroom.platform;

import java.util.Optional;

import org.homeroom.shared.LanguageTag;

/**
 * The port through which the platform learns about the signed-in user without depending on the
 * module that keeps accounts.
 */
public interface UserProfiles {

	Optional<UserProfile> find(String username);

	record UserProfile(String displayName, LanguageTag language) {
	}
}
