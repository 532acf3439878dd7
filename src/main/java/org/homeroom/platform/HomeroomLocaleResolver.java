package org.homeroom.platform;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.homeroom.shared.LanguageTag;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Chooses the interface language for a request. A signed-in user's saved preference wins: a
 * family's among the family languages, staff's among the staff languages, and a preference the
 * pages are not written in (a family may choose any of the district's languages) gives English.
 * Before sign-in, a {@code lang} parameter chooses (and is remembered in a cookie), then the
 * browser's Accept-Language; the sign-in and long-text pages accept every family language, the
 * other pages the staff languages. Anything else falls back to English.
 */
@Component("localeResolver")
class HomeroomLocaleResolver implements LocaleResolver {

	static final String PARAMETER = "lang";

	static final String COOKIE = "homeroom_lang";

	/**
	 * The pages a family reaches before signing in: the sign-in page everyone starts from (its
	 * staff half falls back to English key by key), the code sign-in and the long-text link.
	 */
	private static final List<String> FAMILY_PATHS = List.of("/sign-in", "/family/", "/t/");

	private static final String FAMILY_AUTHORITY = "ROLE_FAMILY";

	private static final String RESOLVED = HomeroomLocaleResolver.class.getName() + ".locale";

	private final UserProfiles profiles;

	HomeroomLocaleResolver(UserProfiles profiles) {
		this.profiles = profiles;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		if (request.getAttribute(RESOLVED) instanceof Locale cached) {
			return cached;
		}
		List<Locale> offered = offeredBeforeSignIn(request);
		Locale locale = signedInPreference()
			.or(() -> UiLanguages.match(request.getParameter(PARAMETER), offered))
			.or(() -> cookie(request).flatMap(value -> UiLanguages.match(value, offered)))
			.or(() -> fromAcceptLanguage(request, offered))
			.orElse(Locale.ENGLISH);
		request.setAttribute(RESOLVED, locale);
		return locale;
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale requested) {
		Optional<Locale> supported = requested == null ? Optional.empty()
				: UiLanguages.match(LanguageTag.of(requested), offeredBeforeSignIn(request));
		if (supported.isEmpty()) {
			return;
		}
		Locale locale = supported.get();
		if (!signedInPreference().isPresent()) {
			request.setAttribute(RESOLVED, locale);
		}
		if (response != null) {
			response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, locale.toLanguageTag())
				.path("/")
				.maxAge(Duration.ofDays(365))
				.sameSite("Lax")
				.httpOnly(true)
				.build()
				.toString());
		}
	}

	private Optional<Locale> signedInPreference() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		boolean family = authentication.getAuthorities().stream()
			.anyMatch(authority -> FAMILY_AUTHORITY.equals(authority.getAuthority()));
		return profiles.find(authentication.getName())
			.map(profile -> UiLanguages.match(profile.language(), family ? UiLanguages.FAMILY : UiLanguages.STAFF)
				.orElse(Locale.ENGLISH));
	}

	/** Before sign-in, the family pages offer every family language; the rest, the staff languages. */
	static List<Locale> offeredBeforeSignIn(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = original instanceof String uri ? uri : request.getRequestURI();
		String context = request.getContextPath();
		if (path != null && context != null && !context.isEmpty() && path.startsWith(context)) {
			path = path.substring(context.length());
		}
		String within = path;
		return within != null && FAMILY_PATHS.stream().anyMatch(within::startsWith)
				? UiLanguages.FAMILY
				: UiLanguages.STAFF;
	}

	private static Optional<String> cookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName())) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	private static Optional<Locale> fromAcceptLanguage(HttpServletRequest request, List<Locale> offered) {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		try {
			// Matched on the primary language, so that zh-CN or zh-TW finds zh-Hans and pt-BR finds pt.
			return Locale.LanguageRange.parse(header).stream()
				.filter(range -> range.getWeight() > 0 && !range.getRange().equals("*"))
				.map(range -> UiLanguages.match(range.getRange(), offered))
				.flatMap(Optional::stream)
				.findFirst();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
