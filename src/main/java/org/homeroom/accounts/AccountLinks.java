package org.homeroom.accounts;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The links Homeroom e-mails to staff: an invitation to choose a password (7 days), or a password
 * reset (1 hour). The token in a link has 256 random bits, so a plain SHA-256 of it is all that is
 * stored, and a leaked table opens nothing. Each link works once. Links are built from the
 * configured public address, never from the Host header of the request that caused them, which a
 * client could forge to send a victim a link to its own site.
 */
@Component
public class AccountLinks {

	public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

	static final Duration RESET_VALIDITY = Duration.ofHours(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	public enum Purpose {

		INVITATION("/invitation/"), PASSWORD_RESET("/password-reset/");

		final String path;

		Purpose(String path) {
			this.path = path;
		}
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AccountsSettings settings;

	AccountLinks(JdbcClient jdbc, Clock clock, AccountsSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	/** A new invitation for a staff record; an earlier one still open stops working. */
	@Transactional
	public String invite(UUID staffId, String email, String language, String invitedBy) {
		jdbc.sql("delete from accounts.account_link where purpose = 'INVITATION' and staff_id = ? and used_at is null")
			.param(staffId).update();
		return issue(Purpose.INVITATION, staffId, null, email, language, invitedBy, INVITATION_VALIDITY);
	}

	/** A new password reset link for an account; earlier ones still open stop working. */
	@Transactional
	String reset(UUID accountId, String email, String language, String requestedBy) {
		jdbc.sql("delete from accounts.account_link where purpose = 'PASSWORD_RESET' and account_id = ? and used_at is null")
			.param(accountId).update();
		return issue(Purpose.PASSWORD_RESET, null, accountId, email, language, requestedBy, RESET_VALIDITY);
	}

	private String issue(Purpose purpose, UUID staffId, UUID accountId, String email, String language, String createdBy,
			Duration validity) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = clock.instant();
		jdbc.sql("""
				insert into accounts.account_link
				  (id, purpose, token_hash, staff_id, account_id, email, language, created_by, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), purpose.name(), hash(token), staffId, accountId, email, language, createdBy,
					Timestamp.from(now), Timestamp.from(now.plus(validity)))
			.update();
		return token;
	}

	/** The full address of a link, to put in an e-mail. */
	public String url(Purpose purpose, String token) {
		return settings.linkBase() + purpose.path + token;
	}

	/** The link this token opens, if it is of this purpose, unused and unexpired. */
	@Transactional(readOnly = true)
	public Optional<Link> open(Purpose purpose, String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select id, staff_id, account_id, email, language from accounts.account_link
				where token_hash = ? and purpose = ? and used_at is null and expires_at > ?""")
			.params(hash(token), purpose.name(), Timestamp.from(clock.instant()))
			.query((rs, row) -> new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5)))
			.optional();
	}

	/** Marks the link used; false when another request used it first, so that it works only once. */
	@Transactional
	public boolean use(Link link) {
		return jdbc.sql("update accounts.account_link set used_at = ? where id = ? and used_at is null and expires_at > ?")
			.params(Timestamp.from(clock.instant()), link.id(), Timestamp.from(clock.instant()))
			.update() == 1;
	}

	/** Those of these staff records that have an invitation still open. */
	@Transactional(readOnly = true)
	public Set<UUID> invited(Collection<UUID> staffIds) {
		if (staffIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select staff_id from accounts.account_link
				where purpose = 'INVITATION' and used_at is null and expires_at > :now and staff_id in (:ids)""")
			.param("now", Timestamp.from(clock.instant()))
			.param("ids", staffIds)
			.query(UUID.class)
			.list());
	}

	private static String hash(String token) {
		return DigestUtils.sha256Hex(token);
	}

	/** An open link: an invitation names a staff record, a reset an account. */
	public record Link(UUID id, UUID staffId, UUID accountId, String email, String language) {
	}
}
