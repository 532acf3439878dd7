package org.homeroom.platform;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final LayoutInterceptor layout;

	private final PageNumberLimit pageNumbers;

	WebConfiguration(LayoutInterceptor layout, PageNumberLimit pageNumbers) {
		this.layout = layout;
		this.pageNumbers = pageNumbers;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// Remembers a ?lang= choice in a cookie; HomeroomLocaleResolver decides whether it applies.
		LocaleChangeInterceptor language = new LocaleChangeInterceptor();
		language.setParamName(HomeroomLocaleResolver.PARAMETER);
		language.setIgnoreInvalidLocale(true);
		registry.addInterceptor(language);
		registry.addInterceptor(layout);
		registry.addInterceptor(pageNumbers);
	}

	/**
	 * The resource chain is on only so that {@code /webjars/htmx.org/…} resolves without a version
	 * (webjars-locator-lite). With it, Thymeleaf's auto-configuration adds a filter that passes every
	 * link of every page through the chain to make it a versioned one, which Homeroom has none of,
	 * and that looked each link up on the class path: in a profile of the family home page it was
	 * over half of the page's CPU (docs/performance.md). Registered here, switched off, it is not
	 * added; the webjars still resolve, as that is the resource handler's work, not the filter's.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}
}
