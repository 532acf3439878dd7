package org.homeroom.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The real time, moved forward by as much as a test asks, so that it can watch a link expire. */
public final class MovableClock extends Clock {

	private volatile Duration ahead = Duration.ZERO;

	public void advance(Duration by) {
		ahead = ahead.plus(by);
	}

	public void reset() {
		ahead = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(ahead);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), ahead);
	}

	/** Import it to replace the application's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Replacing {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}
	}
}
