package org.homeroom.accounts;

import java.util.Optional;
import java.util.function.Supplier;

import org.homeroom.platform.UserProfiles.UserProfile;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What pages show of an account, kept for the rest of the web request that read it. Outside a
 * request (a job, a listener) nothing is kept. A change the request makes through {@link Accounts}
 * (the language, the welcome) {@link #forget forgets} it, so the same request then reads it anew.
 */
record ReadThisRequest(UserProfile profile, boolean welcomeSettled) {

	private static final String ATTRIBUTE = ReadThisRequest.class.getName() + ".";

	static Optional<ReadThisRequest> of(String username, Supplier<Optional<ReadThisRequest>> read) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null || username == null) {
			return read.get();
		}
		String key = ATTRIBUTE + username;
		@SuppressWarnings("unchecked")
		Optional<ReadThisRequest> kept = (Optional<ReadThisRequest>) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
		if (kept == null) {
			kept = read.get();
			request.setAttribute(key, kept, RequestAttributes.SCOPE_REQUEST);
		}
		return kept;
	}

	static void forget(String username) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && username != null) {
			request.removeAttribute(ATTRIBUTE + username, RequestAttributes.SCOPE_REQUEST);
		}
	}
}
