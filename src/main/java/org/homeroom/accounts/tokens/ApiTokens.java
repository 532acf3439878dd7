package org.homeroom.accounts.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.accounts.AccountUserDetailsService;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.AccountsSettings;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Issuing, listing, revoking and checking API tokens. A user manages only their own. */
@Service
public class ApiTokens {

	static final int MAXIMUM_VALIDITY_DAYS = 366;

	/** How often a token's last use is recorded, so that busy clients do not write on every call. */
	static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

	private final ApiTokenRepository tokens;

	private final Accounts accounts;

	private final AccountsSettings settings;

	private final Clock clock;

	private final SecurityLog log;

	private final AccountUserDetailsService users;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final RecentTokens recent = new RecentTokens();

	ApiTokens(ApiTokenRepository tokens, Accounts accounts, AccountsSettings settings, Clock clock, SecurityLog log,
			AccountUserDetailsService users, TransactionTemplate transaction, JdbcClient jdbc) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.settings = settings;
		this.clock = clock;
		this.log = log;
		this.users = users;
		this.transaction = transaction;
		this.jdbc = jdbc;
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
		recent.forgetAccount(token.accountId());
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
		recent.forgetAccount(accountId);
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
		recent.forgetAccount(accountId);
		tokens.revokeAll(accountId, clock.instant());
	}

	/**
	 * The enabled account a presented secret signs in, if the token is known, unexpired and not
	 * revoked. A token checked in the last few seconds is not read again (see {@link RecentTokens}
	 * for how long a revoke elsewhere takes to reach this node); its use is still recorded at most
	 * once a minute.
	 */
	Optional<UserDetails> authenticate(String secret) {
		if (secret == null || !secret.startsWith(ApiToken.PREFIX)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		String hash = ApiToken.hash(secret);
		Optional<RecentTokens.Checked> recentlyChecked = recent.find(hash, now);
		if (recentlyChecked.isPresent()) {
			RecentTokens.Checked checked = recentlyChecked.get();
			if (checked.touchedAt().isBefore(now.minus(TOUCH_EVERY))) {
				transaction.executeWithoutResult(status -> touch(checked.tokenId(), now));
				recent.remember(hash, new RecentTokens.Checked(checked.tokenId(), checked.accountId(), checked.expiresAt(),
						checked.user(), checked.checkedAt(), now));
			}
			return Optional.of(checked.user());
		}
		return transaction.execute(status -> tokens.findByTokenHash(hash).filter(token -> token.usableAt(now)).flatMap(token -> {
			touch(token.id(), now);
			return users.loadById(token.accountId()).filter(UserDetails::isEnabled).map(user -> {
				recent.remember(hash, new RecentTokens.Checked(token.id(), token.accountId(), token.expiresAt(), user, now, now));
				return user;
			});
		}));
	}

	/**
	 * Records a token's use, inside the caller's transaction, without waiting for the disk: a last
	 * use lost to a crash is harmless, and a flush per call cost families' calls more than their
	 * reads did.
	 */
	private void touch(UUID tokenId, Instant now) {
		jdbc.sql("set local synchronous_commit = off").update();
		tokens.touch(tokenId, now, now.minus(TOUCH_EVERY));
	}

	private ApiToken own(String email, UUID id) {
		return tokens.findByIdAndAccountId(id, accounts.account(email).id())
			.orElseThrow(() -> new NotFoundException("token " + id));
	}

	public record IssuedToken(TokenView token, String secret) {
	}
}
