package org.homeroom.messaging.conversations;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock standing still at the moment a test sets, so that "Friday evening" is Friday evening. */
final class SettableClock extends Clock {

	private volatile Instant now = Instant.parse("2026-12-07T15:00:00Z");

	void set(Instant at) {
		now = at;
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(now, zone);
	}

	/** Import it to replace the application's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Replacing {

		@Bean
		@Primary
		SettableClock settableClock() {
			return new SettableClock();
		}
	}
}
