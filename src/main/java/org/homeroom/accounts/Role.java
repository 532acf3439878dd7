package org.homeroom.accounts;

/** The roles of the security model (ARCHITECTURE.md); what each may see is decided elsewhere. */
public enum Role {

	DISTRICT_ADMIN, SCHOOL_ADMIN, TEACHER, COUNSELOR, FAMILY_LIAISON, ATTENDANCE_OFFICER, FAMILY, PARTNER;

	public String authority() {
		return "ROLE_" + name();
	}
}
