package org.homeroom.accounts.family;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.accounts.Account;
import org.homeroom.accounts.Accounts;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DirectoryCommands;
import org.homeroom.directory.FamilyContact;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.UiLanguages;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A family changes its own e-mail addresses and phones. A new value waits, unverified and unused,
 * until the family types the code sent to it; so nobody can point a family's sign-in or the
 * school's messages at an address they do not hold. Pages and API both come through here.
 */
@Service
class FamilyContacts {

	private final Directory directory;

	private final FamilyDetails family;

	private final OneTimeCodes codes;

	private final Accounts accounts;

	FamilyContacts(Directory directory, FamilyDetails family, OneTimeCodes codes, Accounts accounts) {
		this.directory = directory;
		this.family = family;
		this.codes = codes;
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	List<FamilyContact> list(Authentication caller) {
		return family.familyContacts(directory.viewerOf(caller));
	}

	@Transactional(readOnly = true)
	FamilyContact one(Authentication caller, UUID contactId) {
		return family.familyContact(directory.viewerOf(caller), contactId);
	}

	/** Adds a contact, unverified, and sends a code to it; refused as a whole when too many codes were asked for. */
	@Transactional
	Added add(Authentication caller, DirectoryCommands.ContactKind kind, String value, String clientAddress) {
		codes.throttleAddress(clientAddress);
		FamilyContact added = family.addFamilyContact(directory.viewerOf(caller), caller.getName(), kind, value);
		return new Added(added, sendCode(caller, added));
	}

	/** Sends a new code to a contact still waiting for one. */
	@Transactional
	OneTimeCodes.Delivery resend(Authentication caller, UUID contactId, String clientAddress) {
		FamilyContact contact = one(caller, contactId);
		if (contact.verified()) {
			throw new InvalidInputException("id", "This contact is verified already");
		}
		codes.throttleAddress(clientAddress);
		return sendCode(caller, contact);
	}

	/**
	 * Checks the code sent to the contact and, when it is right, puts the contact to use. Five
	 * wrong codes use the code up, as at sign-in.
	 */
	@Transactional(noRollbackFor = OneTimeCodes.InvalidCodeException.class)
	FamilyContact verify(Authentication caller, UUID contactId, String code) {
		Viewer viewer = directory.viewerOf(caller);
		FamilyContact contact = family.familyContact(viewer, contactId);
		if (contact.verified()) {
			return contact;
		}
		Account account = accounts.account(caller.getName());
		UUID pending = codes.check(OneTimeCodes.Purpose.VERIFY_CONTACT, contact.value(), account.id(), code);
		codes.consume(pending);
		return family.confirmFamilyContact(viewer, caller.getName(), contactId);
	}

	/**
	 * Removes a contact. The one the account signs in with goes only when {@code replacedBy} names
	 * a verified contact to sign in with from now on.
	 */
	@Transactional
	void remove(Authentication caller, UUID contactId, UUID replacedBy) {
		Viewer viewer = directory.viewerOf(caller);
		Account account = accounts.account(caller.getName());
		FamilyContact removed = family.familyContact(viewer, contactId);
		String signInContact = account.signInContact().orElse(null);
		family.removeFamilyContact(viewer, caller.getName(), contactId, signInContact, replacedBy);
		if (removed.value().equals(signInContact)) {
			account.signedInWith(family.familyContact(viewer, replacedBy).value());
		}
	}

	/** The contact the account signs in with, which may be changed but not simply removed. */
	@Transactional(readOnly = true)
	java.util.Optional<String> signInContact(Authentication caller) {
		return accounts.account(caller.getName()).signInContact();
	}

	private OneTimeCodes.Delivery sendCode(Authentication caller, FamilyContact contact) {
		codes.throttleContact(contact.value());
		Account account = accounts.account(caller.getName());
		Locale language = UiLanguages.match(account.preferredLanguage()).orElse(Locale.ENGLISH);
		return codes.send(OneTimeCodes.Purpose.VERIFY_CONTACT, contact.value(), account.id(), language);
	}

	/** A contact just added, and how its code went out. */
	record Added(FamilyContact contact, OneTimeCodes.Delivery delivery) {
	}
}
