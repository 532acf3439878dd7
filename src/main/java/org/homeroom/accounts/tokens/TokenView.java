package org.homeroom.accounts.tokens;

import java.time.Instant;
import java.util.UUID;

/** What a user may see of one of their API tokens: everything but the secret. */
public record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
		boolean revoked, boolean active) {
}
