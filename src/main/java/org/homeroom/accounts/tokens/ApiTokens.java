package org.homeroom.accounts.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.AccountsSettings;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issuing, listing, revoking and checking API tokens. A user manages only their own. */
@Service
public class ApiTokens {

	static final int MAXIMUM_VALIDITY_DAYS = 366;

	private final ApiTokenRepository tokens;

	private final Accounts accounts;

	private final AccountsSettings settings;

	private final Clock clock;

	private final SecurityLog log;

	ApiTokens(ApiTokenRepository tokens, Accounts accounts, AccountsSettings settings, Clock clock, SecurityLog log) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.settings = settings;
		this.clock = clock;
		this.log = log;
	}

	@Transactional
	public IssuedToken issue(String email, String name, Integer validityDays) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new InvalidInputException("name", "A token needs a name of 1 to 100 characters");
		}
		int days = validityDays == null ? settings.tokenValidityDays() : validityDays;
		if (days < 1 || days > MAXIMUM_VALIDITY_DAYS) {
			throw new InvalidInputException("expiresInDays",
					"A token lasts from 1 to " + MAXIMUM_VALIDITY_DAYS + " days");
		}
		Instant now = clock.instant();
		ApiToken.Issued issued = ApiToken.issue(accounts.account(email).id(), trimmed, Duration.ofDays(days), now);
		tokens.save(issued.token());
		log.record(SecurityLog.Kind.TOKEN_CREATED, accounts.account(email).username(), null, trimmed);
		return new IssuedToken(issued.token().view(now), issued.secret());
	}

	@Transactional(readOnly = true)
	List<TokenView> list(String email) {
		Instant now = clock.instant();
		return tokens.findByAccountIdOrderByCreatedAtDesc(accounts.account(email).id())
			.stream()
			.map(token -> token.view(now))
			.toList();
	}

	@Transactional(readOnly = true)
	TokenView find(String email, UUID id) {
		return own(email, id).view(clock.instant());
	}

	@Transactional
	void revoke(String email, UUID id) {
		ApiToken token = own(email, id);
		token.revoke(clock.instant());
		log.record(SecurityLog.Kind.TOKEN_REVOKED, accounts.account(email).username(), null, token.view(clock.instant()).name());
	}

	/**
	 * Revokes every token of the account still in force, each logged with {@code why}; answers how
	 * many there were. A token made by whoever knew the old password, or before a second factor
	 * guarded the account, must not outlive the change that was meant to shut them out.
	 */
	@Transactional
	public int revokeAll(UUID accountId, String username, String why) {
		Instant now = clock.instant();
		List<ApiToken> inForce = tokens.findByAccountIdOrderByCreatedAtDesc(accountId)
			.stream()
			.filter(token -> token.usableAt(now))
			.toList();
		for (ApiToken token : inForce) {
			token.revoke(now);
			log.record(SecurityLog.Kind.TOKEN_REVOKED, username, null, token.view(now).name() + " (" + why + ")");
		}
		return inForce.size();
	}

	/**
	 * Revokes every token of a deactivated account at once; the account's deactivation is the one
	 * entry in the security log.
	 */
	@Transactional
	public void revokeAllOfDeactivated(UUID accountId) {
		tokens.revokeAll(accountId, clock.instant());
	}

	/** The account a presented secret belongs to, if the token is known, unexpired and not revoked. */
	@Transactional
	Optional<UUID> authenticate(String secret) {
		if (secret == null || !secret.startsWith(ApiToken.PREFIX)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return tokens.findByTokenHash(ApiToken.hash(secret)).filter(token -> token.usableAt(now)).map(token -> {
			tokens.touch(token.id(), now, now.minus(Duration.ofMinutes(1)));
			return token.accountId();
		});
	}

	private ApiToken own(String email, UUID id) {
		return tokens.findByIdAndAccountId(id, accounts.account(email).id())
			.orElseThrow(() -> new NotFoundException("token " + id));
	}

	public record IssuedToken(TokenView token, String secret) {
	}
}
