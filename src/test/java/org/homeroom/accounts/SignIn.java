package org.homeroom.accounts;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;

/** Signs in through the real form and returns the session cookie, as a browser would keep it. */
public final class SignIn {

	private SignIn() {
	}

	public static Cookie as(MockMvc mvc, String email) throws Exception {
		Cookie session = mvc
			.perform(post("/sign-in").param("email", email).param("password", StaffAccounts.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		if (session == null) {
			throw new AssertionError("Signing in as " + email + " gave no session cookie");
		}
		return session;
	}
}
