package org.homeroom.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.homeroom.shared.PhoneNumber;

/**
 * A parent, guardian or other adult caring for students, with their contact points and the
 * language they want to be addressed in.
 */
@Entity
@Table(schema = "directory", name = "guardian")
class Guardian {

	@Id
	private UUID id;

	private String sourceId;

	private String givenName;

	private String familyName;

	private String preferredLanguage;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private String[] preferredChannels = new String[0];

	private String bestTimes;

	private boolean active;

	@Version
	private long version;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "guardian_id", nullable = false)
	@OrderBy("position")
	private List<ContactPoint> contactPoints = new ArrayList<>();

	protected Guardian() {
	}

	private Guardian(String givenName, String familyName, LanguageTag language) {
		this.id = UUID.randomUUID();
		this.givenName = givenName;
		this.familyName = familyName;
		this.preferredLanguage = language.value();
		this.active = true;
	}

	static Guardian register(String givenName, String familyName, LanguageTag language) {
		return new Guardian(givenName.strip(), familyName.strip(), language);
	}

	void rename(String givenName, String familyName) {
		this.givenName = givenName.strip();
		this.familyName = familyName.strip();
	}

	void preferLanguage(LanguageTag language) {
		this.preferredLanguage = language.value();
	}

	/** Who typed the contacts given: on a new record they are used at once; on an existing one they wait for the family. */
	enum Entry {

		/** A record just created: no family account can hang on its contacts yet (as from the SIS). */
		NEW_RECORD,

		/** Staff correcting an existing record: a new value is not used, for sign-in or anything else, until the family confirms it. */
		STAFF_CORRECTION
	}

	/** Replaces the e-mail addresses, keeping the order given; duplicates collapse into one. */
	ContactChanges replaceEmails(List<EmailAddress> emails, Entry entry) {
		Map<String, Boolean> wanted = new LinkedHashMap<>();
		emails.forEach(email -> wanted.putIfAbsent(email.value(), true));
		return replace(ContactPoint.Kind.EMAIL, wanted, entry);
	}

	/** Replaces the phone numbers; an invalid number is kept and flagged, never dropped. */
	ContactChanges replacePhones(List<PhoneNumber> phones, Entry entry) {
		Map<String, Boolean> wanted = new LinkedHashMap<>();
		phones.forEach(phone -> wanted.putIfAbsent(phone.value(), phone.valid()));
		return replace(ContactPoint.Kind.PHONE, wanted, entry);
	}

	/**
	 * A value already on file stays the same point, verified or not, and only moves to its new
	 * place: removing and adding it again would lose whether the family confirmed it, and would
	 * insert the new row before the old one is deleted (the unique key refused that).
	 */
	private ContactChanges replace(ContactPoint.Kind kind, Map<String, Boolean> wanted, Entry entry) {
		List<String> removed = new ArrayList<>();
		contactPoints.removeIf(point -> {
			boolean goes = point.kind() == kind && !wanted.containsKey(point.value());
			if (goes) {
				removed.add(point.value());
			}
			return goes;
		});
		List<String> added = new ArrayList<>();
		int position = 0;
		for (Map.Entry<String, Boolean> value : wanted.entrySet()) {
			int at = position++;
			java.util.Optional<ContactPoint> kept = find(kind, value.getKey());
			if (kept.isPresent()) {
				kept.get().moveTo(at);
				continue;
			}
			contactPoints.add(entry == Entry.NEW_RECORD ? new ContactPoint(kind, value.getKey(), value.getValue(), at)
					: ContactPoint.enteredByStaff(kind, value.getKey(), value.getValue(), at));
			added.add(value.getKey());
		}
		return new ContactChanges(added, removed);
	}

	/** The values in use now (verified and well-formed): where a family is told about a change. */
	List<String> usableContacts() {
		return contactPoints.stream().filter(ContactPoint::usable).map(ContactPoint::value).toList();
	}

	/**
	 * A contact the family added, unverified until they type the code sent to it. One already on
	 * file is returned as it is, so that asking again just sends a new code.
	 */
	ContactPoint addUnverified(ContactPoint.Kind kind, String value) {
		return find(kind, value).orElseGet(() -> {
			int position = (int) contactPoints.stream().filter(point -> point.kind() == kind).count();
			ContactPoint point = ContactPoint.unverified(kind, value, position);
			contactPoints.add(point);
			return point;
		});
	}

	void verify(ContactPoint.Kind kind, String value) {
		find(kind, value).ifPresent(ContactPoint::markVerified);
	}

	void remove(ContactPoint.Kind kind, String value) {
		contactPoints.removeIf(point -> point.kind() == kind && point.value().equals(value));
	}

	java.util.Optional<ContactPoint> find(ContactPoint.Kind kind, String value) {
		return contactPoints.stream().filter(point -> point.kind() == kind && point.value().equals(value)).findFirst();
	}

	List<ContactPoint> contactPoints() {
		return List.copyOf(contactPoints);
	}

	void preferChannels(List<String> channels, String bestTimes) {
		if (channels != null) {
			this.preferredChannels = channels.stream().distinct().toArray(String[]::new);
		}
		if (bestTimes != null) {
			this.bestTimes = bestTimes.isBlank() ? null : bestTimes.strip();
		}
	}

	UUID id() {
		return id;
	}

	/**
	 * Unverified contacts are left out of the ones in use: nobody may use them (to write, call or
	 * sign in) until they are verified. Those staff entered are listed apart, so staff see what waits
	 * for the family; one a family added stays theirs until confirmed.
	 */
	GuardianView view() {
		return new GuardianView(id, givenName, familyName, preferredLanguage,
				points(ContactPoint.Kind.EMAIL, ContactPoint::verified), points(ContactPoint.Kind.PHONE, ContactPoint::verified),
				List.of(preferredChannels), bestTimes,
				points(ContactPoint.Kind.EMAIL, ContactPoint::awaitsFamily),
				points(ContactPoint.Kind.PHONE, ContactPoint::awaitsFamily));
	}

	private List<ContactView> points(ContactPoint.Kind kind, java.util.function.Predicate<ContactPoint> which) {
		return contactPoints.stream().filter(point -> point.kind() == kind && which.test(point)).map(ContactPoint::view).toList();
	}

	/** What a replacement of contacts did: the values it added and those it took away. */
	record ContactChanges(List<String> added, List<String> removed) {

		static final ContactChanges NONE = new ContactChanges(List.of(), List.of());

		boolean any() {
			return !added.isEmpty() || !removed.isEmpty();
		}
	}
}
