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

	private int position;

	protected ContactPoint() {
	}

	ContactPoint(Kind kind, String value, boolean valid, int position) {
		this.id = UUID.randomUUID();
		this.kind = kind;
		this.value = value;
		this.valid = valid;
		this.position = position;
	}

	Kind kind() {
		return kind;
	}

	ContactView view() {
		return new ContactView(value, valid);
	}
}
