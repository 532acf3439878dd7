package org.homeroom.accounts;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.platform.LanguageParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing, at the staff sign-in form and wherever else a password is taken
 * (see {@link BasicSignInLockout}). After {@link #FAILURES_PER_ACCOUNT} failed attempts on one
 * account, or {@link #FAILURES_PER_ADDRESS} from one client address, within {@link #WINDOW},
 * further attempts are refused before the password is even checked, and the form says why and for
 * how long. A successful sign-in clears the account's count.
 *
 * <p>Each attempt is counted before its password is checked, in one locked step with the check of
 * the limit (see {@link Throttle#acquire(Throttle.Limit...)}), so that guesses sent all at once
 * cannot all slip under the limit; a right password then takes its attempt back.
 */
@Component
class SignInLockout {

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final int FAILURES_PER_ACCOUNT = 5;

	static final int FAILURES_PER_ADDRESS = 20;

	private static final String ACCOUNT_SCOPE = "signin-account";

	private static final String ADDRESS_SCOPE = "signin-address";

	/** Set on a request whose attempt was counted, so that only those are logged as failures. */
	private static final String COUNTED = SignInLockout.class.getName() + ".counted";

	private final Throttle throttle;

	private final SecurityLog log;

	SignInLockout(Throttle throttle, SecurityLog log) {
		this.throttle = throttle;
		this.log = log;
	}

	/**
	 * Counts an attempt on this account from this address before its password is checked: false,
	 * and logged, when either is paused.
	 */
	boolean admit(HttpServletRequest request, String account) {
		try {
			throttle.acquire(new Throttle.Limit(ACCOUNT_SCOPE, account, FAILURES_PER_ACCOUNT, WINDOW),
					new Throttle.Limit(ADDRESS_SCOPE, request.getRemoteAddr(), FAILURES_PER_ADDRESS, WINDOW));
		}
		catch (TooManyRequestsException ex) {
			log.record(SecurityLog.Kind.SIGN_IN_PAUSED, account, request.getRemoteAddr(), null);
			return false;
		}
		request.setAttribute(COUNTED, account);
		return true;
	}

	/** The password of an admitted attempt was wrong: its count stays, and the failure is logged. */
	void failed(HttpServletRequest request) {
		if (request.getAttribute(COUNTED) instanceof String account) {
			log.record(SecurityLog.Kind.SIGN_IN_FAILED, account, request.getRemoteAddr(), null);
		}
	}

	/** The password of an admitted attempt was right: the account starts afresh, the address gets its attempt back. */
	void succeeded(HttpServletRequest request) {
		if (request.getAttribute(COUNTED) instanceof String account) {
			throttle.clear(ACCOUNT_SCOPE, account);
			throttle.forgetOne(ADDRESS_SCOPE, request.getRemoteAddr());
			request.removeAttribute(COUNTED);
		}
	}

	/** Whether the next attempt on this account, or from this address, would be refused. */
	boolean paused(HttpServletRequest request, String account) {
		return throttle.count(ACCOUNT_SCOPE, account, WINDOW) >= FAILURES_PER_ACCOUNT
				|| throttle.count(ADDRESS_SCOPE, request.getRemoteAddr(), WINDOW) >= FAILURES_PER_ADDRESS;
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
				if (!admit(request, account(request))) {
					response.sendRedirect(request.getContextPath() + LanguageParameter.keep("/sign-in?locked", request));
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	AuthenticationFailureHandler onFailure() {
		return (request, response, exception) -> {
			failed(request);
			response.sendRedirect(request.getContextPath() + LanguageParameter.keep(
					paused(request, account(request)) ? "/sign-in?locked" : "/sign-in?error", request));
		};
	}

	SavedRequestAwareAuthenticationSuccessHandler onSuccess() {
		return new SavedRequestAwareAuthenticationSuccessHandler() {

			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws ServletException, IOException {
				succeeded(request);
				log.record(SecurityLog.Kind.SIGNED_IN, authentication.getName(), request.getRemoteAddr(), null);
				super.onAuthenticationSuccess(request, response, authentication);
			}
		};
	}

	/** The account an attempt names, written as the account list keeps it, so that "Ana@X" counts for "ana@x". */
	static String normalised(String email) {
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}

	private static String account(HttpServletRequest request) {
		return normalised(request.getParameter("email"));
	}
}
