package org.homeroom.messaging.conversations;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.messaging.attachments.AttachmentRules;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a message upload larger than one message's files may be
 * ({@link AttachmentRules#MAX_REQUEST_BYTES}) from its declared length, before anything reads its
 * body: Spring's own multipart limit is far higher (for roster imports), and the multipart parser,
 * the CSRF check and sign-in would otherwise all read a request of up to 1 GB first. It runs ahead
 * of security, so the answer (413, naming {@code attachments}) says nothing about the thread.
 * A request without a declared length is left to the limits of each file.
 */
@Configuration(proxyBeanMethods = false)
class ConversationUploadLimit {

	/**
	 * The posts that may carry a message's files: replies on either side's thread page, the API's
	 * messages, and the first message of a thread on either side's start page.
	 */
	static final Pattern UPLOADS = Pattern.compile("^/((conversations|family/conversations|api/v1/conversations)"
			+ "/[0-9a-fA-F-]{36}(/messages)?|(students|family/children)/[0-9a-fA-F-]{36}/message)/?$");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> conversationUploadLimitFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if ("POST".equals(request.getMethod()) && request.getContentLengthLong() > AttachmentRules.MAX_REQUEST_BYTES
						&& UPLOADS.matcher(request.getRequestURI()).matches()) {
					response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
					response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
					response.setHeader("Connection", "close");
					response.getWriter().write("""
							{"type":"about:blank","title":"Content Too Large","status":413,\
							"detail":"A message carries at most 3 files of 10 MB each",\
							"errors":[{"field":"attachments","message":"A message carries at most 3 files of 10 MB each"}]}""");
					return;
				}
				chain.doFilter(request, response);
			}
		});
		// Ahead of Spring Security's chain (-100), so that neither the CSRF check nor sign-in reads the body.
		registration.setOrder(-200);
		return registration;
	}
}
