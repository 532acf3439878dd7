package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformEnvironmentDefaultsTests {

	@Test
	void demoModeIsOnForTheEmbeddedDatabase() {
		StandardEnvironment environment = environment(Map.of());

		assertThat(environment.getProperty("homeroom.demo.enabled", Boolean.class)).isTrue();
		assertThat(environment.getProperty("server.tomcat.basedir")).endsWith("data/tomcat");
	}

	@Test
	void demoModeIsOffForAnExternalDatabase() {
		StandardEnvironment environment = environment(Map.of("homeroom.platform.database.url", "jdbc:postgresql://db/homeroom"));

		assertThat(environment.getProperty("homeroom.demo.enabled", Boolean.class)).isFalse();
		assertThat(environment.containsProperty("server.tomcat.basedir")).isFalse();
	}

	@Test
	void anExplicitSettingWinsOverTheDefault() {
		StandardEnvironment environment = environment(Map.of("homeroom.platform.database.url", "jdbc:postgresql://db/homeroom",
				"homeroom.demo.enabled", "true"));

		assertThat(environment.getProperty("homeroom.demo.enabled", Boolean.class)).isTrue();
	}

	@Test
	void inDemoModeTheServerListensOnTheLoopbackAddressUnlessTheBindAddressSaysOtherwise() {
		assertThat(environment(Map.of()).getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment(Map.of("homeroom.platform.database.url", "jdbc:postgresql://db/homeroom",
				"homeroom.demo.enabled", "true")).getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment(Map.of("HOMEROOM_BIND_ADDRESS", "0.0.0.0")).getProperty("server.address")).isEqualTo("0.0.0.0");
		assertThat(environment(Map.of("server.address", "192.0.2.10")).getProperty("server.address")).isEqualTo("192.0.2.10");
	}

	@Test
	void outsideDemoModeOnlyTheBindAddressLimitsWhereTheServerListens() {
		String external = "jdbc:postgresql://db/homeroom";
		assertThat(environment(Map.of("homeroom.platform.database.url", external)).containsProperty("server.address")).isFalse();
		assertThat(environment(Map.of("homeroom.platform.database.url", external, "HOMEROOM_BIND_ADDRESS", "10.0.0.5"))
			.getProperty("server.address")).isEqualTo("10.0.0.5");
	}

	@Test
	void theStartUpLogSaysWhereADemoListensAndWhichVariableChangesIt() {
		DemoListeningAddress onLoopback = new DemoListeningAddress(environment(Map.of()));
		assertThat(onLoopback.describe(8080)).contains("127.0.0.1", "8080", "HOMEROOM_BIND_ADDRESS");

		DemoListeningAddress chosen = new DemoListeningAddress(environment(Map.of("HOMEROOM_BIND_ADDRESS", "0.0.0.0")));
		assertThat(chosen.describe(8080)).contains("0.0.0.0", "HOMEROOM_BIND_ADDRESS");
	}

	@Test
	void theMailHealthCheckAndSenderExistOnlyWhenMailIsConfigured() {
		assertThat(environment(Map.of()).getProperty("management.health.mail.enabled", Boolean.class)).isFalse();
		assertThat(environment(Map.of()).containsProperty("spring.mail.host")).isFalse();

		StandardEnvironment configured = environment(Map.of("homeroom.mail.host", "smtp.district.test", "homeroom.mail.port", "2525"));
		assertThat(configured.getProperty("management.health.mail.enabled", Boolean.class)).isTrue();
		assertThat(configured.getProperty("spring.mail.host")).isEqualTo("smtp.district.test");
		assertThat(configured.getProperty("spring.mail.port")).isEqualTo("2525");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new PlatformEnvironmentDefaults().postProcessEnvironment(environment, null);
		return environment;
	}
}
