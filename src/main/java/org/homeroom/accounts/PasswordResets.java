package org.homeroom.accounts;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.shared.EmailAddress;
import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A forgotten staff password is replaced through a link sent to the account's address: it works
 * for one hour, once. Asking gives the same answer whether or not the account exists, so the form
 * reveals nothing about who has one, and it is throttled per address and per client, so it cannot
 * flood a mailbox. A reset ends every session the account had, wherever it was signed in.
 */
@Service
public class PasswordResets {

	static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);

	static final int REQUESTS_PER_EMAIL = 3;

	static final int REQUESTS_PER_CLIENT = 20;

	private final AccountRepository accounts;

	private final AccountLinks links;

	private final Throttle throttle;

	private final OutgoingMail mail;

	private final MessageSource messages;

	private final PasswordEncoder passwords;

	private final SecurityLog log;

	private final WebSessions sessions;

	private final RememberedDevices devices;

	private final ApiTokens tokens;

	PasswordResets(AccountRepository accounts, AccountLinks links, Throttle throttle, OutgoingMail mail,
			MessageSource messages, PasswordEncoder passwords, SecurityLog log, WebSessions sessions,
			RememberedDevices devices, ApiTokens tokens) {
		this.accounts = accounts;
		this.links = links;
		this.throttle = throttle;
		this.mail = mail;
		this.messages = messages;
		this.passwords = passwords;
		this.log = log;
		this.sessions = sessions;
		this.devices = devices;
		this.tokens = tokens;
	}

	/** Sends a reset link if an active staff account has this address; the caller cannot tell. */
	@Transactional
	void request(String rawEmail, String clientAddress) {
		throttle.acquire("reset-client", clientAddress, REQUESTS_PER_CLIENT, THROTTLE_WINDOW);
		String email = rawEmail == null ? "" : rawEmail.strip().toLowerCase(Locale.ROOT);
		throttle.acquire("reset-email", email, REQUESTS_PER_EMAIL, THROTTLE_WINDOW);
		if (!EmailAddress.isValid(email)) {
			return;
		}
		accounts.findByUsername(EmailAddress.of(email).value())
			.filter(account -> account.active() && !account.family())
			.ifPresent(account -> send(account, "self", clientAddress));
	}

	/**
	 * Sends a reset link that an administrator asked for; administration has checked that they
	 * manage the account and that it is active.
	 */
	@Transactional
	public void sendRequestedByAdministrator(Account account, String administrator) {
		send(account, "by " + administrator, null);
	}

	private void send(Account account, String requestedBy, String clientAddress) {
		String token = links.reset(account.id(), account.username(), account.preferredLanguage().value(), requestedBy);
		Locale locale = Locale.forLanguageTag(account.preferredLanguage().value());
		mail.send(account.username(), messages.getMessage("staffaccounts.reset.subject", null, locale),
				messages.getMessage("staffaccounts.reset.body",
						new Object[] { account.displayName(), links.url(AccountLinks.Purpose.PASSWORD_RESET, token),
								AccountLinks.RESET_VALIDITY.toMinutes() },
						locale));
		log.record(SecurityLog.Kind.PASSWORD_RESET_REQUESTED, account.username(), clientAddress, requestedBy);
	}

	/** Whether this link can still reset a password. */
	@Transactional(readOnly = true)
	boolean open(String token) {
		return accountFor(links.open(AccountLinks.Purpose.PASSWORD_RESET, token)).isPresent();
	}

	/**
	 * Sets the new password and ends every session, remembered device and API token of the
	 * account. Empty when the link is used, expired or its account deactivated.
	 */
	@Transactional
	Optional<Done> reset(String token, String password, String clientAddress) {
		PasswordRule.require(password);
		Optional<AccountLinks.Link> link = links.open(AccountLinks.Purpose.PASSWORD_RESET, token);
		Optional<Account> account = accountFor(link);
		if (account.isEmpty() || !links.use(link.get())) {
			return Optional.empty();
		}
		account.get().changePassword(passwords.encode(password));
		sessions.endAll(account.get().username(), null);
		devices.revokeAll(account.get().username());
		int tokensRevoked = tokens.revokeAll(account.get().id(), account.get().username(), "password reset");
		// The pause after failed attempts was there to stop guessing the old password.
		throttle.clear("signin-account", account.get().username());
		log.record(SecurityLog.Kind.PASSWORD_RESET, account.get().username(), clientAddress, null);
		return Optional.of(new Done(account.get().username(), tokensRevoked));
	}

	/** A password that was reset, for the account with this sign-in name, and how many API tokens it lost. */
	record Done(String username, int tokensRevoked) {
	}

	private Optional<Account> accountFor(Optional<AccountLinks.Link> link) {
		return link.flatMap(found -> accounts.findById(found.accountId()))
			.filter(account -> account.active() && account.username().equals(link.get().email()));
	}
}
