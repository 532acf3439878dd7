package org.homeroom.accounts;

import java.util.Set;

import org.homeroom.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt, with the algorithm recorded beside each hash so that it can be changed later.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	NavigationItem accountNavigation() {
		return new NavigationItem("nav.account", "/account", 90, Set.of());
	}

	@Bean
	NavigationItem twoStepPolicyNavigation() {
		return NavigationItem.administration("nav.two-step-policy", "/admin/two-step/policy", 94, Set.of(Role.DISTRICT_ADMIN.name()));
	}

	@Bean
	NavigationItem accountAdministrationNavigation() {
		return NavigationItem.administration("nav.admin-accounts", "/admin/accounts", 92,
				Set.of(Role.DISTRICT_ADMIN.name(), Role.SCHOOL_ADMIN.name()));
	}

	@Bean
	NavigationItem securityLogNavigation() {
		return NavigationItem.administration("nav.security-log", "/security-log", 93, Set.of(Role.DISTRICT_ADMIN.name()));
	}
}
