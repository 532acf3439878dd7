package org.homeroom.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * The response headers on every answer: each security filter chain applies them, and
 * {@link RejectedRequests} writes them on the firewall's refusals, which no chain sees. The content security policy allows
 * scripts and styles from Homeroom itself only: no inline script, no eval, no inline style (htmx
 * is configured not to need them). HSTS is sent on HTTPS requests only, and a request counts as
 * HTTPS behind a proxy only when that proxy is one of {@code HOMEROOM_TRUSTED_PROXIES}.
 */
public final class SecurityHeaders {

	public static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'",
			"script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
			"connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
			"frame-ancestors 'none'");

	/**
	 * Paths anyone may reach without signing in, and where a signed-in person who owes a second step
	 * is not held. The development outbox is not one of them: anyone may open it, but what it shows
	 * depends on who is signed in, so someone half-way through signing in must finish first.
	 */
	public static final String[] PUBLIC_PATHS = { "/css/**", "/js/**", "/images/**", "/webjars/**",
			"/favicon.ico", "/error", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**" };

	/** The development outbox (demo mode only), open to anyone; it decides itself what each reader sees. */
	public static final String DEV_OUTBOX_PATHS = "/dev/**";

	/**
	 * Spring Security's defaults (no caching, no sniffing, no framing, XSS auditor off, HSTS on
	 * HTTPS only) with the content security policy and referrer policy above; one list, so that
	 * every answer has the same.
	 */
	private static final List<HeaderWriter> WRITERS = List.of(new CacheControlHeadersWriter(),
			new XContentTypeOptionsHeaderWriter(), new XXssProtectionHeaderWriter(),
			new HstsHeaderWriter(31_536_000, true), new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
			new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY),
			new ReferrerPolicyHeaderWriter(ReferrerPolicy.SAME_ORIGIN));

	private SecurityHeaders() {
	}

	/** Gives a filter chain these headers, and only these. */
	public static void apply(HttpSecurity http) {
		http.headers(headers -> {
			headers.defaultsDisabled();
			WRITERS.forEach(headers::addHeaderWriter);
		});
	}

	/**
	 * Writes the headers on an answer that no filter chain gives them, such as the firewall's
	 * refusal of a request (see {@link RejectedRequests}).
	 */
	static void write(HttpServletRequest request, HttpServletResponse response) {
		WRITERS.forEach(writer -> writer.writeHeaders(request, response));
	}
}
