package org.homeroom;

import org.springframework.boot.SpringApplication;

/**
 * Starts Homeroom with one benchmark runner added, for the scripts in bench/. The runners live in
 * test sources so that the production jar cannot run them; a script starts the built jar with the
 * runners' classes beside it (see bench/runner.sh).
 */
public final class BenchApplication {

	private BenchApplication() {
	}

	/** Runs the application with {@code runner} (an ApplicationRunner that exits when done) as a bean. */
	public static void run(Class<?> runner, String... args) {
		SpringApplication.run(new Class<?>[] { HomeroomApplication.class, runner }, args);
	}
}
