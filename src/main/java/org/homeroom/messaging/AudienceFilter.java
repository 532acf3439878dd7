package org.homeroom.messaging;

import java.util.Set;

import org.homeroom.directory.AudienceQuery;

/**
 * A port for other modules to narrow an audience by what they know and messaging does not (an
 * attendance tier, an event's RSVPs), without messaging depending on them. An audience names a
 * filter in its {@code filters} with the values to keep; the filter answers a SQL condition on the
 * student, aliased {@code s}, so the audience is still resolved in one statement.
 */
public interface AudienceFilter {

	/** The filter's name in an audience's {@code filters}, e.g. {@code attendanceTier}. */
	String name();

	/** The condition keeping the students these values select; its parameter names start with {@link #name()}. */
	AudienceQuery.Condition condition(Set<String> values);
}
