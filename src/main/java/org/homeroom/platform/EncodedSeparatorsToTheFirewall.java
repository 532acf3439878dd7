package org.homeroom.platform;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses a path with an encoded slash or backslash ({@code %2F}, {@code %5C}) on its own,
 * with a bare page of its own that carries none of Homeroom's security headers. Passed on still
 * encoded, they reach Spring Security's firewall instead, which refuses them just the same (400),
 * through {@link RejectedRequests} and so with the headers of every other answer.
 */
@Component
class EncodedSeparatorsToTheFirewall implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers(connector -> {
			connector.setEncodedSolidusHandling("passthrough");
			connector.setEncodedReverseSolidusHandling("passthrough");
		});
	}
}
