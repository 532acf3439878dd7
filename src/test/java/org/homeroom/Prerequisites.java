package org.homeroom;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Some tests need things outside the project: Chromium, axe-core from npm, the sample files in
 * {@code ../shared/data}. On a developer's machine a missing one skips the test with a message;
 * in CI ({@code CI=true}) it fails the test, because a check that silently did not run is no check.
 */
public final class Prerequisites {

	private Prerequisites() {
	}

	public static void require(boolean available, String what) {
		if (available) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(what + " is missing. In CI a skipped test counts as a failure.");
		}
		System.err.println("SKIPPED: " + what + " is missing.");
		Assumptions.abort(what + " is missing");
	}
}
