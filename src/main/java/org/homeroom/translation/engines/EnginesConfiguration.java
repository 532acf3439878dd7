package org.homeroom.translation.engines;

import org.homeroom.translation.TranslationEngine;
import org.homeroom.translation.TranslationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * One engine bean per engine an administrator configured, and none for the others: an engine that
 * does not exist cannot be sent a family's text by mistake. LibreTranslate and Apertium are
 * configured by their URL; Google by its key (its URL defaults to Google's own).
 */
@Configuration(proxyBeanMethods = false)
class EnginesConfiguration {

	@Bean
	@Conditional(LibreTranslateConfigured.class)
	TranslationEngine libreTranslate(TranslationSettings settings) {
		return new LibreTranslateEngine(settings.configured(TranslationSettings.LIBRETRANSLATE).orElseThrow());
	}

	@Bean
	@Conditional(ApertiumConfigured.class)
	TranslationEngine apertium(TranslationSettings settings) {
		return new ApertiumEngine(settings.configured(TranslationSettings.APERTIUM).orElseThrow());
	}

	@Bean
	@Conditional(GoogleConfigured.class)
	TranslationEngine googleTranslate(TranslationSettings settings) {
		return new GoogleTranslateEngine(settings.configured(TranslationSettings.GOOGLE).orElseThrow());
	}

	/** Whether a setting has a value, in any of its spellings (the environment's included). */
	private abstract static class SettingPresent implements Condition {

		private final String property;

		SettingPresent(String property) {
			this.property = property;
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String value = context.getEnvironment().getProperty(property);
			return value != null && !value.isBlank();
		}
	}

	static final class LibreTranslateConfigured extends SettingPresent {

		LibreTranslateConfigured() {
			super("homeroom.translation.providers.libretranslate.url");
		}
	}

	static final class ApertiumConfigured extends SettingPresent {

		ApertiumConfigured() {
			super("homeroom.translation.providers.apertium.url");
		}
	}

	static final class GoogleConfigured extends SettingPresent {

		GoogleConfigured() {
			super("homeroom.translation.providers.google.api-key");
		}
	}
}
