package org.homeroom.directory;

import java.util.ArrayList;
import java.util.List;
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

	/** Replaces the e-mail addresses, keeping the order given; duplicates collapse into one. */
	void replaceEmails(List<EmailAddress> emails) {
		contactPoints.removeIf(point -> point.kind() == ContactPoint.Kind.EMAIL);
		int position = 0;
		for (String email : emails.stream().map(EmailAddress::value).distinct().toList()) {
			contactPoints.add(new ContactPoint(ContactPoint.Kind.EMAIL, email, true, position++));
		}
	}

	/** Replaces the phone numbers; an invalid number is kept and flagged, never dropped. */
	void replacePhones(List<PhoneNumber> phones) {
		contactPoints.removeIf(point -> point.kind() == ContactPoint.Kind.PHONE);
		int position = 0;
		for (PhoneNumber phone : phones.stream().distinct().toList()) {
			contactPoints.add(new ContactPoint(ContactPoint.Kind.PHONE, phone.value(), phone.valid(), position++));
		}
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

	/** Unverified contacts are left out: nobody may use them (to write, call or sign in) until they are verified. */
	GuardianView view() {
		return new GuardianView(id, givenName, familyName, preferredLanguage,
				contactPoints.stream().filter(point -> point.kind() == ContactPoint.Kind.EMAIL && point.verified())
					.map(ContactPoint::view).toList(),
				contactPoints.stream().filter(point -> point.kind() == ContactPoint.Kind.PHONE && point.verified())
					.map(ContactPoint::view).toList(),
				List.of(preferredChannels), bestTimes);
	}
}
