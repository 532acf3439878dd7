package org.homeroom.directory;

import java.util.Set;

import org.homeroom.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

	@Bean
	NavigationItem studentsNavigation() {
		return new NavigationItem("nav.students", "/students", 10, Caller.STAFF_ROLES);
	}

	@Bean
	NavigationItem classesNavigation() {
		return new NavigationItem("nav.classes", "/classes", 20, Set.of("TEACHER"));
	}

	@Bean
	NavigationItem staffNavigation() {
		return new NavigationItem("nav.staff", "/staff", 30, Caller.STAFF_ROLES);
	}

	@Bean
	NavigationItem timeZoneNavigation() {
		return NavigationItem.administration("nav.time-zone", TimeZonePageController.PATH, 91, Set.of("DISTRICT_ADMIN"));
	}
}
