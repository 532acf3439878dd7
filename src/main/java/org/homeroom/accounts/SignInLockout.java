package org.homeroom.accounts;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing at the staff sign-in form. After {@link #FAILURES_PER_ACCOUNT}
 * failed attempts on one account, or {@link #FAILURES_PER_ADDRESS} from one client address, within
 * {@link #WINDOW}, further attempts are refused before the password is even checked, and the form
 * says why and for how long. A successful sign-in clears the account's count.
 */
@Component
class SignInLockout {

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final int FAILURES_PER_ACCOUNT = 5;

	static final int FAILURES_PER_ADDRESS = 20;

	private final Throttle throttle;

	private final SecurityLog log;

	SignInLockout(Throttle throttle, SecurityLog log) {
		this.throttle = throttle;
		this.log = log;
	}

	/** Runs before the password is checked, for POST /sign-in only. */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !("POST".equals(request.getMethod())
						&& (request.getContextPath() + "/sign-in").equals(request.getRequestURI()));
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (locked(request)) {
					log.record(SecurityLog.Kind.SIGN_IN_PAUSED, account(request), request.getRemoteAddr(), null);
					response.sendRedirect(request.getContextPath() + "/sign-in?locked");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	AuthenticationFailureHandler onFailure() {
		return (request, response, exception) -> {
			throttle.record("signin-account", account(request));
			throttle.record("signin-address", request.getRemoteAddr());
			log.record(SecurityLog.Kind.SIGN_IN_FAILED, account(request), request.getRemoteAddr(), null);
			response.sendRedirect(request.getContextPath() + (locked(request) ? "/sign-in?locked" : "/sign-in?error"));
		};
	}

	SavedRequestAwareAuthenticationSuccessHandler onSuccess() {
		return new SavedRequestAwareAuthenticationSuccessHandler() {

			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws ServletException, IOException {
				throttle.clear("signin-account", account(request));
				log.record(SecurityLog.Kind.SIGNED_IN, authentication.getName(), request.getRemoteAddr(), null);
				super.onAuthenticationSuccess(request, response, authentication);
			}
		};
	}

	private boolean locked(HttpServletRequest request) {
		return throttle.count("signin-account", account(request), WINDOW) >= FAILURES_PER_ACCOUNT
				|| throttle.count("signin-address", request.getRemoteAddr(), WINDOW) >= FAILURES_PER_ADDRESS;
	}

	private static String account(HttpServletRequest request) {
		String email = request.getParameter("email");
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}
}
