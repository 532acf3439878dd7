package org.homeroom.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.directory.GuardianIdentity;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.DevOutbox;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.platform.UiLanguages;
import org.homeroom.shared.LanguageTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Families sign in without a password: a 6-digit code goes to an e-mail address or phone the
 * school has on file, and the code proves they hold it. The answer to a request is the same
 * whether or not the contact is known, so the form reveals nothing about who is on file.
 */
@Service
class FamilySignIn {

	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	static final int ATTEMPTS_PER_CODE = 5;

	static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);

	static final int CODES_PER_CONTACT = 5;

	static final int REQUESTS_PER_ADDRESS = 30;

	private static final Logger log = LoggerFactory.getLogger(FamilySignIn.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Directory directory;

	private final JdbcClient jdbc;

	private final Throttle throttle;

	private final OutgoingMail mail;

	private final DevOutbox outbox;

	private final DemoSettings demo;

	private final MessageSource messages;

	private final AccountRepository accounts;

	private final Clock clock;

	FamilySignIn(Directory directory, JdbcClient jdbc, Throttle throttle, OutgoingMail mail, DevOutbox outbox,
			DemoSettings demo, MessageSource messages, AccountRepository accounts, Clock clock) {
		this.directory = directory;
		this.jdbc = jdbc;
		this.throttle = throttle;
		this.mail = mail;
		this.outbox = outbox;
		this.demo = demo;
		this.messages = messages;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** Sends a code to the contact if it is on file; throttled per contact and per client address. */
	@Transactional
	void requestCode(String rawContact, String clientAddress) {
		throttle.acquire("code-address", clientAddress, REQUESTS_PER_ADDRESS, THROTTLE_WINDOW);
		Optional<String> contact = directory.normaliseContact(rawContact);
		throttle.acquire("code-contact", contact.orElse(rawContact == null ? "" : rawContact.strip()), CODES_PER_CONTACT,
				THROTTLE_WINDOW);
		List<GuardianIdentity> guardians = contact.map(directory::guardiansWithContact).orElse(List.of());
		if (guardians.isEmpty()) {
			return;
		}
		String code = String.format("%06d", RANDOM.nextInt(1_000_000));
		Instant now = clock.instant();
		jdbc.sql("""
				insert into accounts.sign_in_code (id, contact, code_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), contact.get(), hash(contact.get(), code), Timestamp.from(now),
					Timestamp.from(now.plus(CODE_LIFETIME)))
			.update();
		deliver(contact.get(), code, languageOf(guardians.get(0)));
	}

	/**
	 * Checks a code and returns the family account it opens, creating and linking it on the first
	 * sign-in. When the contact is shared by different people, the caller must say which guardian
	 * they are; the code stays valid until they do.
	 */
	@Transactional(noRollbackFor = InvalidCodeException.class)
	Outcome verify(String rawContact, String code, UUID chosenGuardian) {
		String contact = directory.normaliseContact(rawContact).orElseThrow(InvalidCodeException::new);
		Instant now = clock.instant();
		var pending = jdbc.sql("""
				select id, code_hash, attempts from accounts.sign_in_code
				where contact = ? and consumed_at is null and expires_at > ?
				order by created_at desc limit 1 for update""")
			.params(contact, Timestamp.from(now))
			.query((rs, row) -> new PendingCode(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)))
			.optional()
			.orElseThrow(InvalidCodeException::new);
		if (pending.attempts() >= ATTEMPTS_PER_CODE) {
			throw new InvalidCodeException();
		}
		if (code == null || !MessageDigest.isEqual(pending.hash().getBytes(StandardCharsets.US_ASCII),
				hash(contact, code.strip()).getBytes(StandardCharsets.US_ASCII))) {
			jdbc.sql("update accounts.sign_in_code set attempts = attempts + 1 where id = ?").param(pending.id()).update();
			throw new InvalidCodeException();
		}
		List<GuardianIdentity> guardians = directory.guardiansWithContact(contact);
		List<GuardianIdentity> who = onePerson(guardians) ? guardians
				: guardians.stream().filter(guardian -> guardian.id().equals(chosenGuardian)).toList();
		if (who.isEmpty()) {
			if (guardians.isEmpty()) {
				throw new InvalidCodeException();
			}
			return new Outcome(null, guardians);
		}
		jdbc.sql("update accounts.sign_in_code set consumed_at = ? where id = ?").params(Timestamp.from(now), pending.id())
			.update();
		return new Outcome(accountFor(who, now), List.of());
	}

	/** The family account already linked to one of these guardian records, or a new one linked to all. */
	private Account accountFor(List<GuardianIdentity> guardians, Instant now) {
		List<UUID> ids = guardians.stream().map(GuardianIdentity::id).toList();
		Optional<UUID> linked = jdbc.sql("select account_id from accounts.family_link where guardian_id in (:ids) limit 1")
			.param("ids", ids).query(UUID.class).optional();
		Account account = linked.flatMap(accounts::findById).orElseGet(() -> {
			GuardianIdentity first = guardians.get(0);
			return accounts.saveAndFlush(Account.family(first.givenName() + " " + first.familyName(),
					LanguageTag.of(first.preferredLanguage()), now));
		});
		for (UUID guardian : ids) {
			jdbc.sql("""
					insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, ?)
					on conflict (guardian_id) do nothing""").params(account.id(), guardian, Timestamp.from(now)).update();
		}
		return account;
	}

	/**
	 * Several guardian records share a contact either because one person is on file twice (same
	 * name) or because two people share a phone or mailbox; only the second needs to be asked.
	 */
	private static boolean onePerson(List<GuardianIdentity> guardians) {
		return guardians.stream()
			.map(guardian -> (guardian.givenName() + " " + guardian.familyName()).toLowerCase(Locale.ROOT).strip())
			.distinct()
			.count() == 1;
	}

	private void deliver(String contact, String code, Locale language) {
		String subject = messages.getMessage("family.code.subject", null, language);
		String body = messages.getMessage("family.code.body",
				new Object[] { code, CODE_LIFETIME.toMinutes() }, language);
		if (contact.contains("@")) {
			mail.send(contact, subject, body);
		}
		else if (demo.enabled()) {
			outbox.record(DevOutbox.Channel.SMS, contact, null, body);
		}
		else {
			// Text messages go out through the messaging module's SMS channel once it exists.
			log.warn("No SMS channel is configured yet: a sign-in code for a phone was not sent");
		}
	}

	private static Locale languageOf(GuardianIdentity guardian) {
		return UiLanguages.match(guardian.preferredLanguage()).orElse(Locale.ENGLISH);
	}

	/** Codes have little entropy, so the hash only keeps them out of plain sight; expiry and attempts protect them. */
	private static String hash(String contact, String code) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((contact + ":" + code).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private record PendingCode(UUID id, String hash, int attempts) {
	}

	/** Either the account signed in, or the guardians to choose between (account null). */
	record Outcome(Account account, List<GuardianIdentity> choices) {
	}

	static class InvalidCodeException extends RuntimeException {

		InvalidCodeException() {
			super("The code is wrong or has expired");
		}
	}
}
