package org.homeroom.translation;

import java.util.Set;

import org.homeroom.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TranslationConfiguration {

	@Bean
	NavigationItem translationNavigation() {
		return NavigationItem.administration("nav.translation", TranslationPageController.PATH, 90, Set.of("DISTRICT_ADMIN"));
	}
}
