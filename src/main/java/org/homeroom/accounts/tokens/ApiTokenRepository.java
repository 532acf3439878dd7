package org.homeroom.accounts.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

	Optional<ApiToken> findByTokenHash(String tokenHash);

	List<ApiToken> findByAccountIdOrderByCreatedAtDesc(UUID accountId);

	Optional<ApiToken> findByIdAndAccountId(UUID id, UUID accountId);

	/** Records use at most once a minute, so that busy clients do not write on every call. */
	@Modifying
	@Query("update ApiToken t set t.lastUsedAt = :now where t.id = :id and (t.lastUsedAt is null or t.lastUsedAt < :since)")
	int touch(UUID id, Instant now, Instant since);

	/** Revokes every token of an account still in force, as when the account is deactivated. */
	@Modifying
	@Query("update ApiToken t set t.revokedAt = :now where t.accountId = :accountId and t.revokedAt is null")
	int revokeAll(UUID accountId, Instant now);
}
