package org.homeroom.directory;

import java.util.List;
import java.util.Set;

import org.homeroom.platform.NavigationItem;
import org.homeroom.shared.StaffRoles;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

	static {
		// A Viewer is who is calling, resolved from the sign-in, never sent by the client: the API
		// document must not offer it as a request parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Viewer.class);
	}

	/** Every controller in every module may declare a {@link Viewer} parameter: who is calling. */
	@Bean
	WebMvcConfigurer viewerResolution(ObjectProvider<Directory> directory) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new ViewerArgumentResolver(directory.getObject()));
			}
		};
	}

	@Bean
	NavigationItem studentsNavigation() {
		return new NavigationItem("nav.students", "/students", 10, StaffRoles.ALL);
	}

	@Bean
	NavigationItem classesNavigation() {
		return new NavigationItem("nav.classes", "/classes", 20, Set.of("TEACHER"));
	}

	@Bean
	NavigationItem staffNavigation() {
		return new NavigationItem("nav.staff", "/staff", 30, StaffRoles.ALL);
	}

	@Bean
	NavigationItem timeZoneNavigation() {
		return NavigationItem.administration("nav.time-zone", TimeZonePageController.PATH, 91, Set.of("DISTRICT_ADMIN"));
	}
}
