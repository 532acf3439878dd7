package org.homeroom.platform;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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
 * Chooses the interface language for a request. A signed-in user's saved preference wins. Before
 * sign-in, a {@code lang} parameter chooses (and is remembered in a cookie), then the browser's
 * Accept-Language. Anything unsupported falls back to English.
 */
@Component("localeResolver")
class HomeroomLocaleResolver implements LocaleResolver {

	static final String PARAMETER = "lang";

	static final String COOKIE = "homeroom_lang";

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
		Locale locale = signedInPreference()
			.or(() -> UiLanguages.match(nonNull(request.getParameter(PARAMETER))))
			.or(() -> cookie(request).flatMap(UiLanguages::match))
			.or(() -> fromAcceptLanguage(request))
			.orElse(Locale.ENGLISH);
		request.setAttribute(RESOLVED, locale);
		return locale;
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale requested) {
		Optional<Locale> supported = requested == null ? Optional.empty() : UiLanguages.match(LanguageTag.of(requested));
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
		return profiles.find(authentication.getName()).flatMap(profile -> UiLanguages.match(profile.language()));
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

	private static Optional<Locale> fromAcceptLanguage(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(Locale.lookup(Locale.LanguageRange.parse(header), UiLanguages.SUPPORTED));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String nonNull(String value) {
		return value == null ? "" : value;
	}
}
