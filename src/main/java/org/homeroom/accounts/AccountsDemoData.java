package org.homeroom.accounts;

import java.util.List;
import java.util.Set;

import org.homeroom.platform.DemoData;
import org.homeroom.shared.LanguageTag;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo account for each staff role of the demo district. The sign-in page and the README list
 * them; they all share one password, which is fine for a demo and never used outside demo mode.
 */
@Component
@Order(10)
class AccountsDemoData implements DemoData {

	static final String PASSWORD = "homeroom-demo";

	static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount("admin@demo.homeroom.test", "Dana Whitfield", Role.DISTRICT_ADMIN, "en"),
			new DemoAccount("principal@demo.homeroom.test", "Marcus Oyelaran", Role.SCHOOL_ADMIN, "en"),
			new DemoAccount("teacher@demo.homeroom.test", "Lucía Herrera", Role.TEACHER, "es"),
			new DemoAccount("counselor@demo.homeroom.test", "Priya Raman", Role.COUNSELOR, "en"),
			new DemoAccount("liaison@demo.homeroom.test", "Yousef Haddad", Role.FAMILY_LIAISON, "ar"),
			new DemoAccount("attendance@demo.homeroom.test", "Grace Kim", Role.ATTENDANCE_OFFICER, "en"));

	private final Accounts accounts;

	AccountsDemoData(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void seed() {
		ACCOUNTS.forEach(account -> accounts.createStaff(account.email(), account.name(), PASSWORD,
				LanguageTag.of(account.language()), Set.of(account.role())));
	}

	record DemoAccount(String email, String name, Role role, String language) {
	}
}
