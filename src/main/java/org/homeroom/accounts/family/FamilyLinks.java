package org.homeroom.accounts.family;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.homeroom.accounts.Account;
import org.homeroom.directory.GuardianAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the directory which guardian records a family account acts for. */
@Component
class FamilyLinks implements GuardianAccounts {

	private final JdbcClient jdbc;

	FamilyLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean familyAccount(String username) {
		return username != null && username.startsWith(Account.FAMILY_PREFIX);
	}

	@Override
	public Set<UUID> guardiansOf(String username) {
		if (username == null || !username.startsWith(Account.FAMILY_PREFIX)) {
			return Set.of();
		}
		UUID account;
		try {
			account = UUID.fromString(username.substring(Account.FAMILY_PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select guardian_id from accounts.family_link where account_id = ?")
			.param(account).query(UUID.class).list());
	}
}
