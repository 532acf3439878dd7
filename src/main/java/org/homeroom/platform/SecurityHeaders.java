package org.homeroom.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers every security filter chain applies. The content security policy allows
 * scripts and styles from Homeroom itself only: no inline script, no eval, no inline style (htmx
 * is configured not to need them). HSTS is sent on HTTPS requests only, and a request counts as
 * HTTPS behind a proxy only when that proxy is one of {@code HOMEROOM_TRUSTED_PROXIES}.
 */
public final class SecurityHeaders {

	public static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'",
			"script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
			"connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
			"frame-ancestors 'none'");

	/** Paths anyone may reach without signing in. */
	public static final String[] PUBLIC_PATHS = { "/css/**", "/js/**", "/images/**", "/webjars/**",
			"/favicon.ico", "/error", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
			"/dev/**" };

	private SecurityHeaders() {
	}

	public static void apply(HttpSecurity http) {
		http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions(frame -> frame.deny())
			.contentTypeOptions(options -> {
			})
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
	}
}
