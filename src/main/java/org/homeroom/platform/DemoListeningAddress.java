package org.homeroom.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start-up where a demo listens and which setting changes it, so that someone who cannot
 * reach their demo from another machine learns why and what to do (see
 * {@link PlatformEnvironmentDefaults}).
 */
@Component
@ConditionalOnBooleanProperty("homeroom.demo.enabled")
class DemoListeningAddress {

	private static final Logger log = LoggerFactory.getLogger(DemoListeningAddress.class);

	private final Environment environment;

	DemoListeningAddress(Environment environment) {
		this.environment = environment;
	}

	@EventListener
	void serverStarted(WebServerInitializedEvent event) {
		log.info(describe(event.getWebServer().getPort()));
	}

	String describe(int port) {
		String address = environment.getProperty("server.address", "every address");
		String variable = PlatformEnvironmentDefaults.BIND_ADDRESS_VARIABLE;
		if (environment.getProperty(variable, "").isBlank()) {
			return "Demo mode: listening on " + address + " port " + port + " only; set " + variable
					+ " to listen on another address";
		}
		return "Demo mode: listening on " + address + " port " + port + ", as " + variable + " says";
	}
}
