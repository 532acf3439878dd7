package org.homeroom.platform;

import java.time.Clock;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** The one clock every module asks for the time, so that tests can set it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	NavigationItem homeNavigation() {
		return new NavigationItem("nav.home", "/", 0, Set.of());
	}

	@Bean
	@ConditionalOnBooleanProperty("homeroom.demo.enabled")
	NavigationItem outboxNavigation() {
		return NavigationItem.administration("nav.outbox", "/dev/outbox", 95, Set.of("DISTRICT_ADMIN"));
	}
}
