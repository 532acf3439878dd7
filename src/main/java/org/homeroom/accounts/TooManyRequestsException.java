package org.homeroom.accounts;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Too many requests for one contact or from one address; try again after {@code retryAfter}. */
@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
public class TooManyRequestsException extends RuntimeException {

	private final Duration retryAfter;

	TooManyRequestsException(Duration retryAfter) {
		super("Too many requests; try again in " + retryAfter.toMinutes() + " minutes");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
