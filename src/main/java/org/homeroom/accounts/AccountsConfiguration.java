package org.homeroom.accounts;

import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.homeroom.platform.NavigationItem;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	/**
	 * "Stay signed in on this device", offered to families on a phone: a persistent token per
	 * device, good for 90 days, which the person can revoke from their account page. The key only
	 * ties the remember-me authentication to this node's provider, so a random one suffices. It is
	 * made here, not with the web-only filter chains, because the family sign-in page controller
	 * needs it and the application also starts without a web server (the district generator).
	 */
	@Bean
	PersistentTokenBasedRememberMeServices rememberMeServices(AccountUserDetailsService users, DataSource dataSource) {
		JdbcTokenRepositoryImpl devices = new JdbcTokenRepositoryImpl();
		devices.setDataSource(dataSource);
		PersistentTokenBasedRememberMeServices services = new PersistentTokenBasedRememberMeServices(
				UUID.randomUUID().toString(), users, devices);
		services.setTokenValiditySeconds((int) SecurityConfiguration.REMEMBERED_FOR.toSeconds());
		services.setParameter("remember-me");
		services.setCookieName("homeroom_device");
		// Like the session cookie: not sent on a cross-site POST, so no other site can act as the device.
		services.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
		return services;
	}

	/**
	 * Spring Boot's JDBC session store, as the session filter gets it, wrapped so that a session's
	 * last access is written at most once a minute ({@link SessionLastAccessWrites}).
	 */
	@Bean
	static BeanPostProcessor sessionLastAccessWrites() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof JdbcIndexedSessionRepository store ? new SessionLastAccessWrites(store) : bean;
			}
		};
	}

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
