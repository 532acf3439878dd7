package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.homeroom.HomeroomApplication;
import org.homeroom.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/**
 * Homeroom started outside demo mode on an empty database, as a new district's server first is:
 * without {@code HOMEROOM_TIME_ZONE}, or with a name that is no zone, it refuses to start and says
 * which setting to fix.
 */
class DistrictClockStartUpIntegrationTests {

	@Test
	void withoutAZoneHomeroomDoesNotStart() {
		assertThatThrownBy(() -> start("--homeroom.directory.time-zone="))
			.satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
				.hasMessageContaining("HOMEROOM_TIME_ZONE"));
	}

	@Test
	void withANameThatIsNoZoneHomeroomDoesNotStart() {
		assertThatThrownBy(() -> start("--homeroom.directory.time-zone=Central Time"))
			.satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
				.hasMessageContaining("HOMEROOM_TIME_ZONE").hasMessageContaining("Central Time"));
	}

	/** Command-line arguments, so that they win over the tests' own configuration, as the variable would. */
	private static void start(String... arguments) {
		new SpringApplicationBuilder(HomeroomApplication.class).web(WebApplicationType.NONE)
			.initializers(new TestDatabase())
			.run(arguments)
			.close();
	}
}
