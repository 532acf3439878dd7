package org.homeroom.directory;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An e-mail address or phone number of one guardian. */
@Entity
@Table(schema = "directory", name = "contact_point")
class ContactPoint {

	enum Kind {
		EMAIL, PHONE
	}

	@Id
	private UUID id;

	@Enumerated(EnumType.STRING)
	private Kind kind;

	private String value;

	private boolean valid;

	/** False while a value a family added waits for the code sent to it; only verified points are used. */
	private boolean verified;

	private int position;

	/**
	 * Staff typed it on an existing record: it waits, unverified, for the family to confirm it, and
	 * until then nobody has sent it a code (the family asks for one from their contacts page).
	 */
	private boolean enteredByStaff;

	protected ContactPoint() {
	}

	ContactPoint(Kind kind, String value, boolean valid, int position) {
		this(kind, value, valid, true, position);
	}

	private ContactPoint(Kind kind, String value, boolean valid, boolean verified, int position) {
		this.id = UUID.randomUUID();
		this.kind = kind;
		this.value = value;
		this.valid = valid;
		this.verified = verified;
		this.position = position;
	}

	/** A value a family typed: kept apart from use until they prove they hold it. */
	static ContactPoint unverified(Kind kind, String value, int position) {
		return new ContactPoint(kind, value, true, false, position);
	}

	/**
	 * A value staff typed on an existing guardian: kept apart from use, sign-in included, until the
	 * family proves they hold it; otherwise whoever may edit the record could sign in as the family.
	 */
	static ContactPoint enteredByStaff(Kind kind, String value, boolean valid, int position) {
		ContactPoint point = new ContactPoint(kind, value, valid, false, position);
		point.enteredByStaff = true;
		return point;
	}

	void markVerified() {
		this.verified = true;
		this.enteredByStaff = false;
	}

	void moveTo(int position) {
		this.position = position;
	}

	UUID id() {
		return id;
	}

	Kind kind() {
		return kind;
	}

	String value() {
		return value;
	}

	boolean verified() {
		return verified;
	}

	/** Staff entered it and the family has not confirmed it yet. */
	boolean awaitsFamily() {
		return enteredByStaff && !verified;
	}

	/** Verified and well-formed: a value codes and messages may go to. */
	boolean usable() {
		return verified && valid;
	}

	FamilyContact familyView() {
		return new FamilyContact(id, DirectoryCommands.ContactKind.valueOf(kind.name()), value, verified, awaitsFamily());
	}

	ContactView view() {
		return new ContactView(value, valid);
	}
}
