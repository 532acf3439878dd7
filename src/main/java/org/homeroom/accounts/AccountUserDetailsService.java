package org.homeroom.accounts;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.homeroom.directory.StaffAdministration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff sign in with their e-mail address; the roles they hold become authorities: district-wide
 * grants from the account, and the roles of their staff record's school assignments, so that a role
 * given at a school takes effect at the next sign-in.
 */
@Component
public class AccountUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	private final Accounts lookup;

	private final StaffAdministration staff;

	AccountUserDetailsService(AccountRepository accounts, Accounts lookup, StaffAdministration staff) {
		this.accounts = accounts;
		this.lookup = lookup;
		this.staff = staff;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		return lookup.byUsername(username).map(this::toUser)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

	@Transactional(readOnly = true)
	public Optional<UserDetails> loadById(UUID id) {
		return accounts.findById(id).map(this::toUser);
	}

	private UserDetails toUser(Account account) {
		Set<String> schoolRoles = account.family() ? Set.of() : staff.schoolRolesOf(account.username());
		return User.withUsername(account.username())
			// Accounts without a password (families, later) can never pass a password check.
			.password(account.passwordHash() == null ? "{noop}" + UUID.randomUUID() + UUID.randomUUID()
					: account.passwordHash())
			.disabled(!account.active())
			.authorities(Stream.concat(account.roles().stream().map(Role::authority),
						schoolRoles.stream().map(role -> "ROLE_" + role))
				.distinct()
				.map(SimpleGrantedAuthority::new)
				.toList())
			.build();
	}
}
