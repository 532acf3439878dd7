package org.homeroom.directory;

import java.util.Set;
import java.util.UUID;

/**
 * The port through which the directory learns which guardian records a family account acts for.
 * The accounts module links a family account to guardians at its first sign-in and implements
 * this; until it does, no account acts for a guardian.
 */
public interface GuardianAccounts {

	Set<UUID> guardiansOf(String username);

	/** Whether the name is a family account's, which has no staff record to look for. */
	default boolean familyAccount(String username) {
		return false;
	}
}
