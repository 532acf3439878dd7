package org.homeroom.accounts;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.homeroom.shared.LanguageTag;

/** Builds staff accounts for tests: {@code StaffAccounts.aStaffMember().withRole(TEACHER).speaking("es").createIn(accounts)}. */
public final class StaffAccounts {

	public static final String PASSWORD = "correct horse battery staple";

	private String name = "Test Staff";

	private String email = "staff-" + UUID.randomUUID() + "@district.test";

	private String language = "en";

	private final Set<Role> roles = EnumSet.noneOf(Role.class);

	private StaffAccounts() {
	}

	public static StaffAccounts aStaffMember() {
		return new StaffAccounts();
	}

	public static StaffAccounts aDistrictAdmin() {
		return aStaffMember().withRole(Role.DISTRICT_ADMIN);
	}

	public StaffAccounts named(String name) {
		this.name = name;
		return this;
	}

	public StaffAccounts withRole(Role role) {
		roles.add(role);
		return this;
	}

	public StaffAccounts speaking(String language) {
		this.language = language;
		return this;
	}

	/** Creates the account and returns its e-mail address, which is also its sign-in name. */
	public String createIn(Accounts accounts) {
		accounts.createStaff(email, name, PASSWORD, LanguageTag.of(language), roles.isEmpty() ? Set.of(Role.TEACHER) : roles);
		return email;
	}
}
