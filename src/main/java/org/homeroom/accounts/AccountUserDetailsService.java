package org.homeroom.accounts;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Staff sign in with their e-mail address; the roles they hold become authorities. */
@Component
class AccountUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	private final Accounts lookup;

	AccountUserDetailsService(AccountRepository accounts, Accounts lookup) {
		this.accounts = accounts;
		this.lookup = lookup;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		return lookup.byUsername(username).map(AccountUserDetailsService::toUser)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

	@Transactional(readOnly = true)
	Optional<UserDetails> loadById(UUID id) {
		return accounts.findById(id).map(AccountUserDetailsService::toUser);
	}

	private static UserDetails toUser(Account account) {
		return User.withUsername(account.username())
			// Accounts without a password (families, later) can never pass a password check.
			.password(account.passwordHash() == null ? "{noop}" + UUID.randomUUID() + UUID.randomUUID()
					: account.passwordHash())
			.disabled(!account.active())
			.authorities(account.roles()
				.stream()
				.map(grant -> new SimpleGrantedAuthority(grant.role().authority()))
				.distinct()
				.toList())
			.build();
	}
}
