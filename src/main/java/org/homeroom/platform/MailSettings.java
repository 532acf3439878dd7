package org.homeroom.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail. {@code host}, {@code port}, {@code username} and {@code password} configure the
 * SMTP server (see {@link PlatformEnvironmentDefaults}); {@code from} is the sender families see.
 */
@ConfigurationProperties("homeroom.mail")
public record MailSettings(String host, @DefaultValue("Homeroom <no-reply@homeroom.invalid>") String from) {

	public boolean configured() {
		return host != null && !host.isBlank();
	}
}
