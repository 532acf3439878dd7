package org.homeroom.accounts;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.accounts.twostep.Totp;
import org.homeroom.accounts.twostep.TwoStepGate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Signs in through the real forms and returns the session cookie, as a browser would keep it.
 * Where the account owes a second step, it goes through it as a person with an authenticator app
 * would: setting one up from the key on the page if there is none yet, and typing a fresh code.
 */
public final class SignIn {

	private static final Pattern SECRET = Pattern.compile("data-secret[^>]*>([^<]+)<");

	/** The authenticator "app" of each account these tests set one up for, and the last step it used. */
	private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

	private static final Map<String, Long> LAST_STEPS = new ConcurrentHashMap<>();

	private SignIn() {
	}

	public static Cookie as(MockMvc mvc, String email) throws Exception {
		Cookie session = withPasswordOnly(mvc, email);
		String heldAt = mvc.perform(get("/account").cookie(session)).andReturn().getResponse().getRedirectedUrl();
		if (TwoStepGate.SETUP.equals(heldAt)) {
			return setUpSecondStep(mvc, email, session);
		}
		if (TwoStepGate.SECOND_STEP.equals(heldAt)) {
			return passSecondStep(mvc, email, session);
		}
		return session;
	}

	/** The first step alone: the session that the second step, if any, still holds. */
	public static Cookie withPasswordOnly(MockMvc mvc, String email) throws Exception {
		return cookieOf(mvc
			.perform(post("/sign-in").param("email", email).param("password", StaffAccounts.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse(), null, email);
	}

	public static Cookie setUpSecondStep(MockMvc mvc, String email, Cookie session) throws Exception {
		String page = mvc.perform(get(TwoStepGate.SETUP).cookie(session)).andReturn().getResponse().getContentAsString();
		Matcher secret = SECRET.matcher(page);
		if (!secret.find()) {
			throw new AssertionError("The set-up page for " + email + " shows no key to type into an app");
		}
		SECRETS.put(email, secret.group(1).replace(" ", ""));
		mvc.perform(post(TwoStepGate.SETUP + "/enable").param("code", nextCode(email)).cookie(session).with(csrf()));
		return session;
	}

	public static Cookie passSecondStep(MockMvc mvc, String email, Cookie session) throws Exception {
		return cookieOf(mvc.perform(post(TwoStepGate.SECOND_STEP).param("code", nextCode(email)).cookie(session)
			.with(csrf())).andReturn().getResponse(), session, email);
	}

	/** What an authenticator app holding this key for this account shows next, for browser tests. */
	public static String codeFromApp(String email, String secret) throws InterruptedException {
		SECRETS.put(email, secret.replaceAll("\\s", ""));
		return nextCode(email);
	}

	/** The code the app shows now, or, if that one was used already, the next one (accepted a step early). */
	public static String nextCode(String email) throws InterruptedException {
		String secret = SECRETS.get(email);
		if (secret == null) {
			throw new AssertionError(email + " has a second factor that these tests did not set up");
		}
		long now = Totp.step(Instant.now());
		long step = Math.max(now, LAST_STEPS.getOrDefault(email, 0L) + 1);
		if (step > now + 1) {
			Thread.sleep(Totp.STEP_SECONDS * 1000L);
			return nextCode(email);
		}
		LAST_STEPS.put(email, step);
		return Totp.code(secret, step);
	}

	private static Cookie cookieOf(MockHttpServletResponse response, Cookie current, String email) {
		Cookie session = response.getCookie("SESSION");
		if (session == null && current == null) {
			throw new AssertionError("Signing in as " + email + " gave no session cookie");
		}
		return session == null ? current : session;
	}
}
