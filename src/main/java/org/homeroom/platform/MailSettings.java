package org.homeroom.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail. {@code host}, {@code port}, {@code username} and {@code password} configure the
 * SMTP server (see {@link PlatformEnvironmentDefaults}); {@code from} is the sender families see.
 * A message the server does not take is tried again after {@code firstRetryAfter}, each wait twice
 * the last (at most an hour), and given up after {@code maxAttempts}: by default about an hour
 * of trying, as long as a reset link works, and longer than a mail server takes to restart.
 */
@ConfigurationProperties("homeroom.mail")
public record MailSettings(String host, @DefaultValue("Homeroom <no-reply@homeroom.invalid>") String from,
		@DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration firstRetryAfter) {

	public boolean configured() {
		return host != null && !host.isBlank();
	}

	/** How long to wait after a failed attempt (the first is 1) before the next. */
	Duration retryAfter(int attempt) {
		Duration wait = firstRetryAfter.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
		return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
	}
}
