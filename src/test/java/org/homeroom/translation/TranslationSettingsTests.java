package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The translation settings as an operator writes them: in environment variables, with the routes
 * as one string; and what start-up says when they are wrong.
 */
class TranslationSettingsTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TranslationSettings.class)
	@ComponentScan("org.homeroom.translation.engines")
	static class SettingsAndEngines {
	}

	private static ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
		return new ApplicationContextRunner()
			.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
					new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
			.withBean(RouteListConverter.class)
			.withBean(TranslationRoutes.class)
			.withUserConfiguration(SettingsAndEngines.class);
	}

	@Test
	void environmentVariablesConfigureEnginesAndRoutes() {
		withEnvironment(Map.of(
				"HOMEROOM_TRANSLATION_PROVIDERS_LIBRETRANSLATE_URL", "http://libretranslate.district.internal:5000/",
				"HOMEROOM_TRANSLATION_PROVIDERS_LIBRETRANSLATE_API_KEY", "libre-key",
				"HOMEROOM_TRANSLATION_PROVIDERS_GOOGLE_API_KEY", "google-key",
				"HOMEROOM_TRANSLATION_ROUTES", "es=libretranslate, so=google,vi=libretranslate"))
			.run(context -> {
				assertThat(context).hasNotFailed();
				TranslationSettings settings = context.getBean(TranslationSettings.class);
				assertThat(settings.routes()).containsExactlyInAnyOrderEntriesOf(
						Map.of("es", "libretranslate", "so", "google", "vi", "libretranslate"));
				assertThat(settings.configured("libretranslate").orElseThrow())
					.isEqualTo(new TranslationSettings.Provider("http://libretranslate.district.internal:5000", "libre-key"));
				assertThat(settings.configured("google").orElseThrow().url()).isEqualTo(TranslationSettings.GOOGLE_DEFAULT_URL);
				assertThat(settings.configuredEngines()).containsExactly("libretranslate", "google");
				assertThat(context.getBeansOfType(TranslationEngine.class).values()).extracting(TranslationEngine::name)
					.containsExactlyInAnyOrder("libretranslate", "google");
				assertThat(settings.toString()).doesNotContain("libre-key").doesNotContain("google-key");
			});
	}

	@Test
	void noSettingsMeansNoEngineAtAll() {
		withEnvironment(Map.of()).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(TranslationEngine.class)).isEmpty();
			assertThat(context.getBean(TranslationSettings.class).routes()).isEmpty();
		});
	}

	@Test
	void aRouteToAnEngineThatIsNotConfiguredStopsStartUp() {
		withEnvironment(Map.of("HOMEROOM_TRANSLATION_ROUTES", "so=google")).run(context -> assertThat(context)
			.getFailure().rootCause().hasMessageContaining("sends 'so' to google, which is not configured")
			.hasMessageContaining("homeroom.translation.providers.google.api-key"));
	}

	@Test
	void aRouteToAnUnknownEngineStopsStartUp() {
		withEnvironment(Map.of("HOMEROOM_TRANSLATION_PROVIDERS_APERTIUM_URL", "http://127.0.0.1:2737",
				"HOMEROOM_TRANSLATION_ROUTES", "es=deepl"))
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("'es' to 'deepl', which is not an engine Homeroom knows"));
	}

	@Test
	void aMalformedRouteStopsStartUpQuotingTheEntry() {
		withEnvironment(Map.of("HOMEROOM_TRANSLATION_PROVIDERS_APERTIUM_URL", "http://127.0.0.1:2737",
				"HOMEROOM_TRANSLATION_ROUTES", "es=apertium, so"))
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("'so' is not language=engine"));
		withEnvironment(Map.of("HOMEROOM_TRANSLATION_PROVIDERS_APERTIUM_URL", "http://127.0.0.1:2737",
				"HOMEROOM_TRANSLATION_ROUTES", "spanish=apertium"))
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("'spanish' is not a language's primary tag"));
	}

	@Test
	void anEngineUrlThatIsNotHttpStopsStartUp() {
		withEnvironment(Map.of("HOMEROOM_TRANSLATION_PROVIDERS_LIBRETRANSLATE_URL", "libretranslate:5000"))
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("url must be http(s)://host[:port][/path]"));
	}

	@Test
	void routesAlsoReadAsAMapInAPropertiesFile() {
		new ApplicationContextRunner().withBean(RouteListConverter.class).withUserConfiguration(SettingsAndEngines.class)
			.withPropertyValues("homeroom.translation.providers.apertium.url=http://127.0.0.1:2737",
					"homeroom.translation.routes.es=apertium")
			.run(context -> assertThat(context.getBean(TranslationSettings.class).routes()).containsExactly(Map.entry("es", "apertium")));
	}
}
