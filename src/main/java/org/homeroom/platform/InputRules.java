package org.homeroom.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * What no input may hold, whichever field it arrives in, because the database cannot keep it:
 * PostgreSQL refuses a NUL character in text, and a date far outside the calendar people use
 * (java.time reads {@code +999999999-12-31}, PostgreSQL's dates stop long before). Checked once
 * where input is read (JSON bodies, request parameters and form fields), so that no endpoint
 * can forget it and each refusal names its field.
 */
final class InputRules {

	static final int FIRST_YEAR = 1;

	static final int LAST_YEAR = 9999;

	private static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

	private static final Instant LATEST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);

	static final String NUL_REFUSED = "must not contain a NUL character";

	static final String DATE_REFUSED = "must be a date between the years " + FIRST_YEAR + " and " + LAST_YEAR;

	static final Set<Class<?>> DATE_TYPES = Set.of(LocalDate.class, LocalDateTime.class, OffsetDateTime.class,
			ZonedDateTime.class, Instant.class);

	private InputRules() {
	}

	/** Why the value cannot be taken, or empty when it can. */
	static Optional<String> refusal(Object value) {
		if (value instanceof String text && text.indexOf('\0') >= 0) {
			return Optional.of(NUL_REFUSED);
		}
		Integer year = null;
		if (value instanceof LocalDate date) {
			year = date.getYear();
		}
		else if (value instanceof LocalDateTime dateTime) {
			year = dateTime.getYear();
		}
		else if (value instanceof OffsetDateTime dateTime) {
			year = dateTime.getYear();
		}
		else if (value instanceof ZonedDateTime dateTime) {
			year = dateTime.getYear();
		}
		else if (value instanceof Instant instant) {
			// Compared rather than converted: Instant.MAX has no year a LocalDateTime can hold.
			year = instant.isBefore(EARLIEST) ? FIRST_YEAR - 1 : instant.isAfter(LATEST) ? LAST_YEAR + 1 : FIRST_YEAR;
		}
		if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
			return Optional.of(DATE_REFUSED);
		}
		return Optional.empty();
	}

	/** Input that a rule above refuses; its message is written for the caller. */
	static final class RefusedInput extends IllegalArgumentException {

		RefusedInput(String reason) {
			super(reason);
		}

		/** The refusal somewhere in a chain of causes, if there is one. */
		static Optional<RefusedInput> in(Throwable failure) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof RefusedInput refused) {
					return Optional.of(refused);
				}
			}
			return Optional.empty();
		}
	}
}
