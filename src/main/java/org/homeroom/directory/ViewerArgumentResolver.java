package org.homeroom.directory;

import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller's {@link Viewer} parameter the signed-in caller, looked up once per request:
 * the lookup reads the staff and guardian tables, and a page that re-renders after a refused form
 * would otherwise repeat it for every method it calls.
 */
class ViewerArgumentResolver implements HandlerMethodArgumentResolver {

	static final String ATTRIBUTE = Viewer.class.getName();

	private final Directory directory;

	ViewerArgumentResolver(Directory directory) {
		this.directory = directory;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Viewer.class;
	}

	@Override
	public Viewer resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		// Security's filters normally stop an anonymous caller first; should a URL rule ever let one
		// through, this answers 401 (or the sign-in page), never a 500 from a missing name.
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			throw new AuthenticationCredentialsNotFoundException("Sign in first");
		}
		return directory.viewerOf(authentication);
	}

	/**
	 * The viewer already resolved for this request, or {@code lookup}'s, kept for the rest of it.
	 * Outside a request (a job, a test calling a service) every call looks up afresh.
	 */
	static Viewer cachedFor(Authentication authentication, Supplier<Viewer> lookup) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return lookup.get();
		}
		// Keyed by the caller, so that a request which signs someone in never sees the viewer of before.
		String key = ATTRIBUTE + ":" + authentication.getName().toLowerCase(Locale.ROOT);
		if (request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Viewer viewer) {
			return viewer;
		}
		Viewer viewer = lookup.get();
		request.setAttribute(key, viewer, RequestAttributes.SCOPE_REQUEST);
		return viewer;
	}
}
