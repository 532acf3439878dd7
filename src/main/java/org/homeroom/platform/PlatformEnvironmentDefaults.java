package org.homeroom.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on other settings, so they cannot be written in application.properties.
 * They are added last, so anything configured explicitly wins.
 * <ul>
 * <li>Demo mode is on for the embedded database and off for an external one: a production
 * server must never seed a demo district by accident.</li>
 * <li>{@code homeroom.mail.*} is the one place mail is configured; Spring's mail sender and its
 * health check exist only when a host is set, because an unconfigured mail check would report the
 * whole application as down.</li>
 * <li>In demo mode the server listens on 127.0.0.1 only, unless {@code HOMEROOM_BIND_ADDRESS} names
 * another address: a demo holds demo passwords and its outbox, and a trial that imports a real
 * roster should not be open to the network by accident.</li>
 * <li>With the embedded database, Tomcat's working files stay inside the data directory.</li>
 * </ul>
 */
public class PlatformEnvironmentDefaults implements EnvironmentPostProcessor {

	public static final String SOURCE_NAME = "homeroomDefaults";

	static final String BIND_ADDRESS_VARIABLE = "HOMEROOM_BIND_ADDRESS";

	static final String DEMO_BIND_ADDRESS = "127.0.0.1";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		boolean embedded = !environment.containsProperty("homeroom.platform.database.url")
				|| environment.getProperty("homeroom.platform.database.url", "").isBlank();
		defaults.put("homeroom.demo.enabled", embedded);
		boolean demo = environment.getProperty("homeroom.demo.enabled", Boolean.class, embedded);
		String bindAddress = environment.getProperty(BIND_ADDRESS_VARIABLE, "").strip();
		if (!bindAddress.isEmpty()) {
			defaults.put("server.address", bindAddress);
		}
		else if (demo) {
			defaults.put("server.address", DEMO_BIND_ADDRESS);
		}
		if (embedded) {
			Path data = Path.of(environment.getProperty("homeroom.platform.data-directory", "./data"));
			defaults.put("server.tomcat.basedir", data.resolve("tomcat").toAbsolutePath().toString());
		}

		String mailHost = environment.getProperty("homeroom.mail.host", "");
		boolean mailConfigured = !mailHost.isBlank();
		defaults.put("management.health.mail.enabled", mailConfigured);
		if (mailConfigured) {
			defaults.put("spring.mail.host", mailHost);
			copy(environment, defaults, "homeroom.mail.port", "spring.mail.port");
			copy(environment, defaults, "homeroom.mail.username", "spring.mail.username");
			copy(environment, defaults, "homeroom.mail.password", "spring.mail.password");
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

	private static void copy(ConfigurableEnvironment environment, Map<String, Object> defaults, String from,
			String to) {
		String value = environment.getProperty(from);
		if (value != null && !value.isBlank()) {
			defaults.put(to, value);
		}
	}
}
