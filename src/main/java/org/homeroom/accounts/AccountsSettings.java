package org.homeroom.accounts;

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
 */
@ConfigurationProperties("homeroom.accounts")
public record AccountsSettings(@DefaultValue FirstAdmin firstAdmin, boolean basicTokenIssue,
		@DefaultValue("90") int tokenValidityDays, @DefaultValue("http://localhost:8080") String publicUrl) {

	/** The public address without a trailing slash, for a path to follow it in a link. */
	public String linkBase() {
		return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	public record FirstAdmin(String email, String password) {

		public boolean configured() {
			return email != null && !email.isBlank() && password != null && !password.isBlank();
		}
	}
}
