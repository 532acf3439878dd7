package org.homeroom.accounts.administration;

import java.util.Set;

import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.AccountsSettings;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.platform.DemoSettings;
import org.homeroom.shared.LanguageTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On an empty database, creates the first district administrator from
 * {@code HOMEROOM_ADMIN_EMAIL} and {@code HOMEROOM_ADMIN_PASSWORD}, so that a new district can
 * sign in and set up the rest. Once any account exists the settings are ignored.
 */
@Component
@Order(0)
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final Accounts accounts;

	private final AccountsSettings settings;

	private final DemoSettings demo;

	private final SecurityLog securityLog;

	FirstAdministrator(Accounts accounts, AccountsSettings settings, DemoSettings demo, SecurityLog securityLog) {
		this.accounts = accounts;
		this.settings = settings;
		this.demo = demo;
		this.securityLog = securityLog;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (accounts.anyExist()) {
			return;
		}
		AccountsSettings.FirstAdmin admin = settings.firstAdmin();
		if (!admin.configured()) {
			if (demo.enabled()) {
				return;
			}
			log.warn("No accounts exist yet. Set HOMEROOM_ADMIN_EMAIL and HOMEROOM_ADMIN_PASSWORD "
					+ "to create the first district administrator.");
			return;
		}
		accounts.createStaff(admin.email(), admin.email(), admin.password(), LanguageTag.ENGLISH,
				Set.of(Role.DISTRICT_ADMIN));
		log.info("Created the first district administrator, {}", admin.email());
		securityLog.record(SecurityLog.Kind.FIRST_ADMIN_CREATED, admin.email().strip().toLowerCase(java.util.Locale.ROOT), null, null);
	}
}
