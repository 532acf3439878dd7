package org.homeroom.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

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
}
