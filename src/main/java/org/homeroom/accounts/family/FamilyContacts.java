package org.homeroom.accounts.family;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.homeroom.accounts.Account;
import org.homeroom.accounts.Accounts;
import org.homeroom.directory.DirectoryCommands;
import org.homeroom.directory.FamilyContact;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.UiLanguages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A family changes its own e-mail addresses and phones. A new value waits, unverified and unused,
 * until the family types the code sent to it; so nobody can point a family's sign-in or the
 * school's messages at an address they do not hold. Pages and API both come through here.
 */
@Service
class FamilyContacts {

	private final FamilyDetails family;

	private final OneTimeCodes codes;

	private final Accounts accounts;

	FamilyContacts(FamilyDetails family, OneTimeCodes codes, Accounts accounts) {
		this.family = family;
		this.codes = codes;
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	List<FamilyContact> list(Viewer viewer) {
		return family.familyContacts(viewer);
	}

	@Transactional(readOnly = true)
	FamilyContact one(Viewer viewer, UUID contactId) {
		return family.familyContact(viewer, contactId);
	}

	/** Adds a contact, unverified, and sends a code to it; refused as a whole when too many codes were asked for. */
	@Transactional
	Added add(Viewer viewer, DirectoryCommands.ContactKind kind, String value, String clientAddress) {
		codes.throttleAddress(clientAddress);
		FamilyContact added = family.addFamilyContact(viewer, viewer.name(), kind, value);
		return new Added(added, sendCode(viewer, added));
	}

	/** Sends a new code to a contact still waiting for one. */
	@Transactional
	OneTimeCodes.Delivery resend(Viewer viewer, UUID contactId, String clientAddress) {
		FamilyContact contact = one(viewer, contactId);
		if (contact.verified()) {
			throw new InvalidInputException("id", "This contact is verified already");
		}
		codes.throttleAddress(clientAddress);
		return sendCode(viewer, contact);
	}

	/**
	 * Checks the code sent to the contact and, when it is right, puts the contact to use. Five
	 * wrong codes use the code up, as at sign-in.
	 */
	@Transactional(noRollbackFor = OneTimeCodes.InvalidCodeException.class)
	FamilyContact verify(Viewer viewer, UUID contactId, String code) {
		FamilyContact contact = family.familyContact(viewer, contactId);
		if (contact.verified()) {
			return contact;
		}
		Account account = accounts.account(viewer.name());
		UUID pending = codes.check(OneTimeCodes.Purpose.VERIFY_CONTACT, contact.value(), account.id(), code);
		codes.consume(pending);
		return family.confirmFamilyContact(viewer, viewer.name(), contactId);
	}

	/**
	 * Removes a contact. The one the account signs in with goes only when {@code replacedBy} names
	 * a verified contact to sign in with from now on.
	 */
	@Transactional
	void remove(Viewer viewer, UUID contactId, UUID replacedBy) {
		Account account = accounts.account(viewer.name());
		FamilyContact removed = family.familyContact(viewer, contactId);
		String signInContact = account.signInContact().orElse(null);
		family.removeFamilyContact(viewer, viewer.name(), contactId, signInContact, replacedBy);
		if (removed.value().equals(signInContact)) {
			account.signedInWith(family.familyContact(viewer, replacedBy).value());
		}
	}

	/** The contact the account signs in with, which may be changed but not simply removed. */
	@Transactional(readOnly = true)
	java.util.Optional<String> signInContact(Viewer viewer) {
		return accounts.account(viewer.name()).signInContact();
	}

	private OneTimeCodes.Delivery sendCode(Viewer viewer, FamilyContact contact) {
		codes.throttleContact(contact.value());
		Account account = accounts.account(viewer.name());
		Locale language = UiLanguages.match(account.preferredLanguage()).orElse(Locale.ENGLISH);
		return codes.send(OneTimeCodes.Purpose.VERIFY_CONTACT, contact.value(), account.id(), language);
	}

	/** A contact just added, and how its code went out. */
	record Added(FamilyContact contact, OneTimeCodes.Delivery delivery) {
	}
}
