package org.homeroom.directory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.homeroom.shared.PhoneNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A family's own details, as the accounts module's sign-in and welcome pages read and change
 * them: the e-mail addresses and phones on file (added unverified, used only once confirmed with a
 * code), the language they want to be addressed in, and how and when to reach them. A family acts
 * only on the guardian records its account is linked to; anything else answers 404.
 */
@Service
public class FamilyDetails {

	private final JdbcClient jdbc;

	private final GuardianRepository guardians;

	private final GuardianEdits edits;

	FamilyDetails(JdbcClient jdbc, GuardianRepository guardians, GuardianEdits edits) {
		this.jdbc = jdbc;
		this.guardians = guardians;
		this.edits = edits;
	}

	/**
	 * A contact as someone typed it, in the form contact points are stored: an e-mail address
	 * lower-cased, a phone number in E.164. Empty when it is neither, or a phone that does not parse.
	 */
	public Optional<String> normaliseContact(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		if (raw.contains("@")) {
			return EmailAddress.isValid(raw) ? Optional.of(EmailAddress.of(raw).value()) : Optional.empty();
		}
		PhoneNumber phone = edits.phone(raw);
		return phone.valid() ? Optional.of(phone.value()) : Optional.empty();
	}

	/** The active guardians who have this (normalised, valid, verified) contact point on file. */
	@Transactional(readOnly = true)
	public List<GuardianIdentity> guardiansWithContact(String contact) {
		return jdbc.sql("""
				select distinct g.id, g.given_name, g.family_name, g.preferred_language
				from directory.contact_point c join directory.guardian g on g.id = c.guardian_id and g.active
				where c.value = ? and c.valid and c.verified order by g.family_name, g.given_name, g.id""")
			.param(contact).query(GuardianIdentity.class).list();
	}

	/**
	 * A family's own e-mail addresses and phones, verified or waiting for their code. A family
	 * account may act for several guardian records of one person (on file twice); they are kept
	 * alike, so each value is listed once.
	 */
	@Transactional(readOnly = true)
	public List<FamilyContact> familyContacts(Viewer viewer) {
		return distinctContacts(familyRecords(viewer));
	}

	/** One of the family's own contacts; another family's, or one that does not exist, answers 404. */
	@Transactional(readOnly = true)
	public FamilyContact familyContact(Viewer viewer, UUID contactId) {
		return ownPoint(familyRecords(viewer), contactId).familyView();
	}

	/**
	 * Adds an e-mail address or phone to the family's records, unverified: it is used for nothing
	 * until {@link #confirmFamilyContact} says the family typed the code sent to it. The value is
	 * returned normalised (lower-case e-mail, E.164 phone), for the code to be sent there.
	 */
	@Transactional
	public FamilyContact addFamilyContact(Viewer viewer, String editedBy, DirectoryCommands.ContactKind kind,
			String rawValue) {
		List<Guardian> records = familyRecords(viewer);
		String value = familyValue(kind, rawValue);
		ContactPoint.Kind pointKind = ContactPoint.Kind.valueOf(kind.name());
		if (records.stream().anyMatch(record -> record.find(pointKind, value).filter(ContactPoint::verified).isPresent())) {
			throw new InvalidInputException("value", "This contact is on file already");
		}
		records.forEach(record -> record.addUnverified(pointKind, value));
		guardians.saveAllAndFlush(records);
		edits.record(ids(records), GuardianEdits.FieldGroup.CONTACTS, editedBy);
		return records.get(0).find(pointKind, value).orElseThrow().familyView();
	}

	/** The family typed the code sent to this contact: from now on it is used, for sign-in too. */
	@Transactional
	public FamilyContact confirmFamilyContact(Viewer viewer, String editedBy, UUID contactId) {
		List<Guardian> records = familyRecords(viewer);
		ContactPoint point = ownPoint(records, contactId);
		records.forEach(record -> record.verify(point.kind(), point.value()));
		guardians.saveAllAndFlush(records);
		edits.record(ids(records), GuardianEdits.FieldGroup.CONTACTS, editedBy);
		return point.familyView();
	}

	/**
	 * Removes one of the family's contacts. The last verified one stays, or the school could not
	 * reach them and they could not sign in; so does {@code signInContact} (the one the account
	 * signs in with) unless {@code replacedBy} names a verified contact that takes its place.
	 */
	@Transactional
	public void removeFamilyContact(Viewer viewer, String editedBy, UUID contactId, String signInContact,
			UUID replacedBy) {
		List<Guardian> records = familyRecords(viewer);
		ContactPoint point = ownPoint(records, contactId);
		if (point.verified() && distinctContacts(records).stream()
			.noneMatch(other -> other.verified() && !other.value().equals(point.value()))) {
			throw new InvalidInputException("id", "This is the only verified contact on file: add and verify another first");
		}
		if (point.value().equals(signInContact)) {
			boolean replaced = replacedBy != null && distinctContacts(records).stream()
				.anyMatch(other -> other.id().equals(replacedBy) && other.verified() && !other.value().equals(point.value()));
			if (!replaced) {
				throw new InvalidInputException("replacedBy",
						"This is the contact you sign in with: change it to a new, verified one instead of removing it");
			}
		}
		records.forEach(record -> record.remove(point.kind(), point.value()));
		guardians.saveAllAndFlush(records);
		edits.record(ids(records), GuardianEdits.FieldGroup.CONTACTS, editedBy);
	}

	/** The language the family wants to be addressed in, and how and when to reach them. */
	@Transactional(readOnly = true)
	public FamilyReach familyReach(Viewer viewer) {
		GuardianView view = familyRecords(viewer).get(0).view();
		return new FamilyReach(view.preferredLanguage(),
				view.preferredChannels().stream().map(DirectoryCommands.Channel::valueOf).toList(), view.bestTimes());
	}

	@Transactional
	public void changeFamilyLanguage(Viewer viewer, String editedBy, LanguageTag language) {
		List<Guardian> records = familyRecords(viewer);
		records.forEach(record -> record.preferLanguage(language));
		guardians.saveAllAndFlush(records);
		edits.record(ids(records), GuardianEdits.FieldGroup.LANGUAGE, editedBy);
	}

	/** The best times to reach the family (free text, e.g. "after 6 pm") and the channels they prefer. */
	@Transactional
	public void changeFamilyReach(Viewer viewer, String editedBy, List<DirectoryCommands.Channel> preferredChannels,
			String bestTimes) {
		if (bestTimes != null && bestTimes.strip().length() > 200) {
			throw new InvalidInputException("bestTimes", "At most 200 characters");
		}
		List<Guardian> records = familyRecords(viewer);
		records.forEach(record -> record.preferChannels(GuardianEdits.channels(preferredChannels),
				bestTimes == null ? "" : bestTimes));
		guardians.saveAllAndFlush(records);
		edits.record(ids(records), GuardianEdits.FieldGroup.REACH, editedBy);
	}

	/** The guardian records a family account acts for, in a fixed order; none answers 404. */
	private List<Guardian> familyRecords(Viewer viewer) {
		List<Guardian> records = guardians.findAllById(viewer.guardianIds()).stream()
			.sorted(Comparator.comparing(Guardian::id))
			.toList();
		if (records.isEmpty()) {
			throw new NotFoundException("guardian");
		}
		return records;
	}

	private static ContactPoint ownPoint(List<Guardian> records, UUID contactId) {
		return records.stream()
			.flatMap(record -> record.contactPoints().stream())
			.filter(point -> point.id().equals(contactId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("contact"));
	}

	private static List<FamilyContact> distinctContacts(List<Guardian> records) {
		Map<String, FamilyContact> byValue = new LinkedHashMap<>();
		records.stream()
			.flatMap(record -> record.contactPoints().stream())
			.sorted(Comparator.comparing(ContactPoint::kind))
			.forEach(point -> byValue.putIfAbsent(point.kind() + ":" + point.value(), point.familyView()));
		return List.copyOf(byValue.values());
	}

	private static List<UUID> ids(List<Guardian> records) {
		return records.stream().map(Guardian::id).toList();
	}

	/** A value a family typed, in the form contact points are stored; one that is not valid names the field. */
	private String familyValue(DirectoryCommands.ContactKind kind, String raw) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidInputException("value", "An e-mail address or phone number is required");
		}
		if (kind == DirectoryCommands.ContactKind.EMAIL) {
			if (!EmailAddress.isValid(raw)) {
				throw new InvalidInputException("value", "Not an e-mail address: " + raw.strip());
			}
			return EmailAddress.of(raw).value();
		}
		PhoneNumber phone = edits.phone(raw);
		if (!phone.valid()) {
			throw new InvalidInputException("value", "Not a phone number: " + raw.strip());
		}
		return phone.value();
	}
}
