package org.homeroom.privacy;

import java.util.Set;

import org.homeroom.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

	/** School administrators read one student's log at a time, so their page starts with a form. */
	@Bean
	NavigationItem accessLogNavigation() {
		return NavigationItem.administration("nav.access-log", "/access-log", 80, Set.of("DISTRICT_ADMIN", "SCHOOL_ADMIN"));
	}
}
