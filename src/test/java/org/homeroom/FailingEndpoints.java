package org.homeroom;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that fail on purpose, so that tests can see what a user sees when something breaks.
 * The nested controllers are registered because they are members of this configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailingEndpoints {

	public static final String SECRET_MESSAGE = "internal detail that must never reach a user";

	@Controller
	static class FailingPage {

		@GetMapping("/test/failure")
		String fail() {
			throw new IllegalStateException(SECRET_MESSAGE);
		}
	}

	@RestController
	static class FailingApi {

		@GetMapping("/api/v1/test/failure")
		String fail() {
			throw new IllegalStateException(SECRET_MESSAGE);
		}
	}
}
