package org.homeroom.accounts;

import java.util.UUID;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A role held district-wide ({@code schoolId} null) or at one school. */
@Embeddable
record RoleGrant(@Enumerated(EnumType.STRING) Role role, UUID schoolId) {

	static RoleGrant districtWide(Role role) {
		return new RoleGrant(role, null);
	}
}
