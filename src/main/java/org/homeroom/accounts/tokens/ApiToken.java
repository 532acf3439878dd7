package org.homeroom.accounts.tokens;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A named, expiring credential for the API. Only the SHA-256 of the secret is stored: with 256
 * random bits a plain hash is enough, and a database leak yields no usable token. The {@code hr_}
 * prefix lets secret scanners recognise a leaked token.
 */
@Entity
@Table(schema = "accounts", name = "api_token")
class ApiToken {

	static final String PREFIX = "hr_";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Id
	private UUID id;

	private UUID accountId;

	private String name;

	private String tokenHash;

	private Instant createdAt;

	private Instant expiresAt;

	private Instant lastUsedAt;

	private Instant revokedAt;

	protected ApiToken() {
	}

	private ApiToken(UUID accountId, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.accountId = accountId;
		this.name = name;
		this.tokenHash = tokenHash;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	/** Makes a new token; the secret in the result is the only copy there will ever be. */
	static Issued issue(UUID accountId, String name, Duration validity, Instant now) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new Issued(new ApiToken(accountId, name, hash(secret), now, now.plus(validity)), secret);
	}

	static String hash(String secret) {
		return DigestUtils.sha256Hex(secret);
	}

	boolean usableAt(Instant now) {
		return revokedAt == null && now.isBefore(expiresAt);
	}

	void revoke(Instant now) {
		if (revokedAt == null) {
			revokedAt = now;
		}
	}

	UUID id() {
		return id;
	}

	UUID accountId() {
		return accountId;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	TokenView view(Instant now) {
		return new TokenView(id, name, createdAt, expiresAt, lastUsedAt, revokedAt != null, usableAt(now));
	}

	record Issued(ApiToken token, String secret) {
	}
}
