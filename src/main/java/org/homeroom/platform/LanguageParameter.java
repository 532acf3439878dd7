package org.homeroom.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Keeps a {@code ?lang=} that chose the language before sign-in on the addresses the sign-in
 * pages redirect to, so that a link shared as "…?lang=es" stays in Spanish from page to page even
 * where the browser refuses the cookie. Only a language the interface speaks is carried on.
 */
public final class LanguageParameter {

	private LanguageParameter() {
	}

	/** {@code path} with the request's {@code lang} added, when it names a language of the interface. */
	public static String keep(String path, HttpServletRequest request) {
		String query = query(request);
		if (query.isEmpty()) {
			return path;
		}
		return path + (path.contains("?") ? "&" : "?") + query.substring(1);
	}

	/** {@code "?lang=es"}, or {@code ""} when the request names no language of the interface. */
	public static String query(HttpServletRequest request) {
		String lang = request.getParameter(HomeroomLocaleResolver.PARAMETER);
		if (lang == null || lang.isBlank() || lang.length() > 35) {
			return "";
		}
		return UiLanguages.match(lang.strip()).map(locale -> "?" + HomeroomLocaleResolver.PARAMETER + "=" + locale.toLanguageTag())
			.orElse("");
	}
}
