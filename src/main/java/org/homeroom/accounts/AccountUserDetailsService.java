package org.homeroom.accounts;

import java.util.Optional;
import java.util.UUID;

import org.homeroom.shared.EmailAddress;
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

	AccountUserDetailsService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Optional<Account> account = EmailAddress.isValid(username)
				? accounts.findByEmail(EmailAddress.of(username).value()) : Optional.empty();
		return account.map(AccountUserDetailsService::toUser)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

	@Transactional(readOnly = true)
	Optional<UserDetails> loadById(UUID id) {
		return accounts.findById(id).map(AccountUserDetailsService::toUser);
	}

	private static UserDetails toUser(Account account) {
		return User.withUsername(account.email().value())
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
