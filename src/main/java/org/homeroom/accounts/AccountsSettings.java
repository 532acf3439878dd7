package org.homeroom.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param firstAdmin the district administrator created on an empty database
 *     ({@code HOMEROOM_ADMIN_EMAIL}, {@code HOMEROOM_ADMIN_PASSWORD})
 * @param basicTokenIssue whether {@code POST /api/v1/tokens} accepts a password over HTTP Basic
 *     outside demo mode ({@code homeroom.security.basic-token-issue}, mapped in application.properties)
 * @param tokenValidityDays how long an API token lasts when its creator does not say
 * @param publicUrl the address people reach Homeroom at ({@code HOMEROOM_PUBLIC_URL}), from which
 *     links in e-mails are built, never from a request's Host header
 * @param retention how long accounts keeps rows that have served their purpose (docs/retention.md)
 */
@ConfigurationProperties("homeroom.accounts")
public record AccountsSettings(@DefaultValue FirstAdmin firstAdmin, boolean basicTokenIssue,
		@DefaultValue("90") int tokenValidityDays, @DefaultValue("http://localhost:8080") String publicUrl,
		@DefaultValue Retention retention) {

	/** The public address without a trailing slash, for a path to follow it in a link. */
	public String linkBase() {
		return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	public record FirstAdmin(String email, String password) {

		public boolean configured() {
			return email != null && !email.isBlank() && password != null && !password.isBlank();
		}
	}

	/**
	 * @param throttleEvents how long a counted request is kept: at least the longest throttle window
	 *     (15 minutes today), so that no limit ever counts fewer requests than were made
	 * @param oneTimeCodes how long a sign-in or verification code is kept after it expired. Nothing
	 *     accepts it by then; the margin only keeps a node whose clock runs late from finding that a
	 *     code it still takes for valid has gone
	 * @param links how long an invitation or password-reset link is kept after it expired, for the
	 *     same reason (a used link expires on its own day too)
	 * @param securityLog how long the security log keeps an event: a year of sign-ins and lockouts,
	 *     enough to look back on an incident found at the end of a school year
	 */
	record Retention(@DefaultValue("1d") Duration throttleEvents, @DefaultValue("1d") Duration oneTimeCodes,
			@DefaultValue("1d") Duration links, @DefaultValue("365d") Duration securityLog) {

		/** The longest window any throttle here counts over (sign-in failures, codes, resets: 15 minutes each). */
		static final Duration LONGEST_THROTTLE_WINDOW = Duration.ofMinutes(15);

		Retention {
			// Shorter, and a limit would count fewer requests than were made: a lockout an attacker waits out.
			if (throttleEvents.compareTo(LONGEST_THROTTLE_WINDOW) < 0) {
				throw new IllegalArgumentException("homeroom.accounts.retention.throttle-events must be at least "
						+ LONGEST_THROTTLE_WINDOW.toMinutes() + " minutes, the longest throttle window");
			}
		}
	}
}
