package org.homeroom.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in lockout at the other door that takes a password: {@code POST /api/v1/tokens} with
 * HTTP Basic. Without it, a script could guess there as often as it liked, unlogged, and then
 * sign in at the form with what it found. Attempts here count against the same per-account and
 * per-address limits as the form; a paused attempt gets 429 with Retry-After, and every wrong
 * password is written to the security log.
 */
@Component
class BasicSignInLockout {

	private final SignInLockout lockout;

	private final ProblemResponses problems;

	private final BasicAuthenticationConverter credentials = new BasicAuthenticationConverter();

	BasicSignInLockout(SignInLockout lockout, ProblemResponses problems) {
		this.lockout = lockout;
		this.problems = problems;
	}

	/** Before the password is checked: counts the attempt, or answers 429 when it is paused. */
	OncePerRequestFilter beforePasswordCheck() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String account = account(request);
				if (account != null && !lockout.admit(request, account)) {
					response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(SignInLockout.WINDOW.toSeconds()));
					problems.write(response, HttpStatus.TOO_MANY_REQUESTS, null, "Too many attempts failed, so signing in"
							+ " to this account, or from this address, is paused for " + SignInLockout.WINDOW.toMinutes()
							+ " minutes");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/** After the password was checked and found right (a wrong one never gets this far). */
	OncePerRequestFilter afterRightPassword() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (SecurityContextHolder.getContext().getAuthentication() instanceof UsernamePasswordAuthenticationToken
						signedIn && signedIn.isAuthenticated()) {
					lockout.succeeded(request);
				}
				chain.doFilter(request, response);
			}
		};
	}

	/** The answer to a wrong password, which logs the failure before it answers as {@code refusal} does. */
	AuthenticationEntryPoint onWrongPassword(AuthenticationEntryPoint refusal) {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			lockout.failed(request);
			refusal.commence(request, response, ex);
		};
	}

	/** The account a Basic header names, or null when there is none (or it cannot be read, which Basic refuses anyway). */
	private String account(HttpServletRequest request) {
		try {
			UsernamePasswordAuthenticationToken attempt = credentials.convert(request);
			return attempt == null ? null : SignInLockout.normalised(attempt.getName());
		}
		catch (AuthenticationException ex) {
			return null;
		}
	}
}
