package org.homeroom.accounts;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.UserProfiles;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's entry point: creating staff accounts and keeping their preferences. */
@Service
public class Accounts implements UserProfiles {

	private final AccountRepository accounts;

	private final PasswordEncoder passwords;

	private final Clock clock;

	Accounts(AccountRepository accounts, PasswordEncoder passwords, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.clock = clock;
	}

	@Transactional
	public void createStaff(String email, String displayName, String password, LanguageTag language,
			Set<Role> roles) {
		if (!EmailAddress.isValid(email)) {
			throw new InvalidInputException("email", "Not an e-mail address: " + email);
		}
		EmailAddress address = EmailAddress.of(email);
		if (accounts.existsByUsername(address.value())) {
			throw new InvalidInputException("email", "An account with this e-mail address exists already");
		}
		PasswordRule.require(password);
		Account account = Account.staff(address, displayName, passwords.encode(password), language, clock.instant());
		roles.forEach(account::grant);
		accounts.save(account);
	}

	@Transactional
	public void changePreferredLanguage(String username, LanguageTag language) {
		account(username).preferLanguage(language);
		ReadThisRequest.forget(username);
	}

	/** The family finished or skipped the welcome. */
	@Transactional
	public void settleWelcome(String username, java.time.Instant now) {
		account(username).settleWelcome(now);
		ReadThisRequest.forget(username);
	}

	@Transactional(readOnly = true)
	public boolean anyExist() {
		return accounts.count() > 0;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserProfile> find(String username) {
		return readThisRequest(username).map(ReadThisRequest::profile);
	}

	public Account account(String username) {
		return byUsername(username).orElseThrow(() -> new IllegalStateException("No account for the signed-in user"));
	}

	/** Sign-in names are kept lower-case, so a staff member may type their address in any case. */
	public Optional<Account> byUsername(String username) {
		return username == null ? Optional.empty() : accounts.findByUsername(username.strip().toLowerCase(java.util.Locale.ROOT));
	}

	/** Whether the account has finished or skipped its welcome; true for a name with no account. */
	public boolean welcomeSettled(String username) {
		return readThisRequest(username).map(ReadThisRequest::welcomeSettled).orElse(true);
	}

	/**
	 * What a page shows of the signed-in account (its name, language and welcome), read once per
	 * request: the layout, the locale and the family home each asked for it, three reads of the same
	 * row for one page.
	 */
	private Optional<ReadThisRequest> readThisRequest(String username) {
		return ReadThisRequest.of(username, () -> byUsername(username)
			.map(account -> new ReadThisRequest(new UserProfile(account.displayName(), account.preferredLanguage()),
					account.welcomeSettled())));
	}
}
