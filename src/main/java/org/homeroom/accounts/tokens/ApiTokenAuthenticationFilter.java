package org.homeroom.accounts.tokens;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.accounts.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests with an API token. A token that is wrong,
 * expired or revoked is refused at once with 401, rather than falling through to anonymous.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	public static final String CHALLENGE = "Bearer realm=\"homeroom\"";

	private static final String BEARER = "Bearer ";

	private final ApiTokens tokens;

	private final ProblemResponses problems;

	public ApiTokenAuthenticationFilter(ApiTokens tokens, ProblemResponses problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<UserDetails> user = tokens.authenticate(header.substring(BEARER.length()).trim());
		if (user.isEmpty()) {
			problems.write(response, HttpStatus.UNAUTHORIZED, CHALLENGE + ", error=\"invalid_token\"",
					"The API token is not valid: it may be wrong, expired or revoked");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
				user.get().getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
