package org.homeroom.accounts.family;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.accounts.Account;
import org.homeroom.accounts.AccountRepository;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.GuardianIdentity;
import org.homeroom.platform.UiLanguages;
import org.homeroom.shared.LanguageTag;
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

	static final Duration CODE_LIFETIME = OneTimeCodes.CODE_LIFETIME;

	static final int ATTEMPTS_PER_CODE = OneTimeCodes.ATTEMPTS_PER_CODE;

	static final int CODES_PER_CONTACT = OneTimeCodes.CODES_PER_CONTACT;

	private final FamilyDetails family;

	private final JdbcClient jdbc;

	private final OneTimeCodes codes;

	private final AccountRepository accounts;

	private final Clock clock;

	FamilySignIn(FamilyDetails family, JdbcClient jdbc, OneTimeCodes codes, AccountRepository accounts, Clock clock) {
		this.family = family;
		this.jdbc = jdbc;
		this.codes = codes;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** Sends a code to the contact if it is on file; throttled per contact and per client address. */
	@Transactional
	void requestCode(String rawContact, String clientAddress) {
		codes.throttleAddress(clientAddress);
		Optional<String> contact = family.normaliseContact(rawContact);
		codes.throttleContact(contact.orElse(rawContact == null ? "" : rawContact.strip()));
		List<GuardianIdentity> guardians = contact.map(family::guardiansWithContact).orElse(List.of());
		if (guardians.isEmpty()) {
			return;
		}
		codes.send(OneTimeCodes.Purpose.SIGN_IN, contact.get(), null, languageOf(guardians.get(0)));
	}

	/**
	 * Checks a code and returns the family account it opens, creating and linking it on the first
	 * sign-in. When the contact is shared by different people, the caller must say which guardian
	 * they are; the code stays valid until they do.
	 */
	@Transactional(noRollbackFor = OneTimeCodes.InvalidCodeException.class)
	Outcome verify(String rawContact, String code, UUID chosenGuardian) {
		String contact = family.normaliseContact(rawContact).orElseThrow(OneTimeCodes.InvalidCodeException::new);
		Instant now = clock.instant();
		UUID pending = codes.check(OneTimeCodes.Purpose.SIGN_IN, contact, null, code);
		List<GuardianIdentity> guardians = family.guardiansWithContact(contact);
		List<GuardianIdentity> who = onePerson(guardians) ? guardians
				: guardians.stream().filter(guardian -> guardian.id().equals(chosenGuardian)).toList();
		if (who.isEmpty()) {
			if (guardians.isEmpty()) {
				throw new OneTimeCodes.InvalidCodeException();
			}
			return new Outcome(null, guardians);
		}
		codes.consume(pending);
		Account account = accountFor(who, now);
		account.signedInWith(contact);
		return new Outcome(account, List.of());
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

	private static Locale languageOf(GuardianIdentity guardian) {
		return UiLanguages.match(guardian.preferredLanguage()).orElse(Locale.ENGLISH);
	}

	/** Either the account signed in, or the guardians to choose between (account null). */
	record Outcome(Account account, List<GuardianIdentity> choices) {
	}
}
