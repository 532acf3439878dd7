package org.homeroom.accounts.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tokens this node checked in the last few seconds, by hash, with the account each signs in.
 * After a district announcement most families call the API again and again within minutes; without
 * this, every call read the token, recorded its use and loaded the account with its roles (four
 * statements in two transactions) before doing anything it was asked for.
 * <p>
 * Why this stays safe: a revoke on this node forgets the account's tokens at once (and again once
 * its transaction has committed, so that a request checking the token meanwhile cannot put the old
 * state back). Another node of a cluster, which cannot hear of it, keeps a checked token for at most
 * {@link #FOR}: that is the longest a token revoked elsewhere, or an account deactivated or
 * stripped of a role, can still be used (docs/performance.md). Expiry is checked on every use.
 */
class RecentTokens {

	static final Duration FOR = Duration.ofSeconds(10);

	/** Enough for every family opening the same announcement on one node; past it, the oldest half goes. */
	static final int MOST = 50_000;

	private final Map<String, Checked> byHash = new ConcurrentHashMap<>();

	/** A token found usable at {@code checkedAt}: whose it is, until when it lasts, and when its use was last recorded. */
	record Checked(UUID tokenId, UUID accountId, Instant expiresAt, UserDetails user, Instant checkedAt, Instant touchedAt) {

		boolean usableAt(Instant now) {
			return now.isBefore(expiresAt) && now.isBefore(checkedAt.plus(FOR)) && !now.isBefore(checkedAt);
		}
	}

	Optional<Checked> find(String hash, Instant now) {
		Checked checked = byHash.get(hash);
		if (checked == null) {
			return Optional.empty();
		}
		if (!checked.usableAt(now)) {
			byHash.remove(hash, checked);
			return Optional.empty();
		}
		return Optional.of(checked);
	}

	void remember(String hash, Checked checked) {
		if (byHash.size() >= MOST) {
			forgetOldest(checked.checkedAt());
		}
		byHash.put(hash, checked);
	}

	/** Forgets the account's tokens now and, inside a transaction, again once it has committed. */
	void forgetAccount(UUID accountId) {
		byHash.values().removeIf(checked -> checked.accountId().equals(accountId));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					byHash.values().removeIf(checked -> checked.accountId().equals(accountId));
				}
			});
		}
	}

	private void forgetOldest(Instant now) {
		Instant halfway = now.minus(FOR.dividedBy(2));
		byHash.values().removeIf(checked -> !checked.checkedAt().isAfter(halfway));
		if (byHash.size() >= MOST) {
			byHash.clear();
		}
	}
}
