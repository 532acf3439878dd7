package org.homeroom.accounts.twostep;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.accounts.Account;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.ProblemResponses;
import org.homeroom.platform.SecurityHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Holds a signed-in member of staff at the second step until they pass it. It runs on every
 * request after authentication, not only after the password form, because a session may also be
 * rebuilt from a remembered device; the proof is a mark in this session, set when the second step
 * is passed. Someone who must have a second factor but has none yet is sent to set one up, and the
 * API refuses them. Accounts that do not exist (test users) are not held.
 */
@Component
public class TwoStepGate {

	static final String PASSED = "homeroom.two-step.passed";

	static final String CONTINUE = "homeroom.two-step.continue";

	public static final String SECOND_STEP = "/sign-in/second-step";

	public static final String SETUP = "/account/two-step";

	private static final List<PathPattern> PUBLIC = Arrays.stream(SecurityHeaders.PUBLIC_PATHS)
		.map(PathPatternParser.defaultInstance::parse).toList();

	private static final Set<String> OPEN_WHILE_HELD = Set.of(SECOND_STEP, "/sign-out");

	private final TwoStepSignIn twoStep;

	private final Accounts accounts;

	private final ProblemResponses problems;

	TwoStepGate(TwoStepSignIn twoStep, Accounts accounts, ProblemResponses problems) {
		this.twoStep = twoStep;
		this.accounts = accounts;
		this.problems = problems;
	}

	/** For pages: to the second step, or to set one up. */
	public OncePerRequestFilter pages() {
		return gate((staff, request, response) -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (isPublic(path) || OPEN_WHILE_HELD.contains(path)) {
				return true;
			}
			if (twoStep.enabledSince(staff.getName()).isPresent()) {
				if (staff.getName().equals(request.getSession().getAttribute(PASSED))) {
					return true;
				}
				// Only a page someone opened is where they continue: not a live stream or an htmx
				// fragment that the page they were on asked for in the background.
				if ("GET".equals(request.getMethod()) && pageNavigation(request)) {
					request.getSession().setAttribute(CONTINUE,
							path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
				}
				response.sendRedirect(request.getContextPath() + SECOND_STEP);
				return false;
			}
			if (!path.startsWith(SETUP) && twoStep.requiredFor(staff.getAuthorities())) {
				response.sendRedirect(request.getContextPath() + SETUP);
				return false;
			}
			return true;
		});
	}

	/** For the API: a bearer token does not pass for an account that still owes a second factor. */
	public OncePerRequestFilter api() {
		return gate((staff, request, response) -> {
			if (twoStep.enabledSince(staff.getName()).isEmpty() && twoStep.requiredFor(staff.getAuthorities())) {
				problems.write(response, HttpStatus.FORBIDDEN, null,
						"This account must set up two-step sign-in before it can use the API: sign in on the web"
								+ " and follow the steps at " + SETUP);
				return false;
			}
			return true;
		});
	}

	/** For issuing a token with a password: a password alone cannot pass for an account with a second factor. */
	public OncePerRequestFilter passwordTokenIssue() {
		return gate((staff, request, response) -> {
			if (twoStep.enabledSince(staff.getName()).isPresent() || twoStep.requiredFor(staff.getAuthorities())) {
				problems.write(response, HttpStatus.FORBIDDEN, null,
						"This account uses two-step sign-in, which a password alone cannot pass: create the token"
								+ " on the web, at /account/tokens");
				return false;
			}
			return true;
		});
	}

	/** One check of a signed-in member of staff: true lets the request through, false has answered it. */
	private interface Check {

		boolean admit(Authentication staff, HttpServletRequest request, HttpServletResponse response) throws IOException;
	}

	/** A filter that lets everyone but staff through unchecked, and staff only past the check. */
	private OncePerRequestFilter gate(Check check) {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Optional<Authentication> staff = staff();
				if (staff.isEmpty() || check.admit(staff.get(), request, response)) {
					chain.doFilter(request, response);
				}
			}
		};
	}

	/** The signed-in person, if they are a member of staff with an account here. */
	private Optional<Authentication> staff() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken
				|| authentication.getName().startsWith(Account.FAMILY_PREFIX)
				|| accounts.byUsername(authentication.getName()).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(authentication);
	}

	private static boolean isPublic(String path) {
		PathContainer parsed = PathContainer.parsePath(path);
		return PUBLIC.stream().anyMatch(pattern -> pattern.matches(parsed));
	}

	private static boolean pageNavigation(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return request.getHeader("HX-Request") == null && (accept == null || accept.contains("text/html"));
	}
}
