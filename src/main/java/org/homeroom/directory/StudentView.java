package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

/**
 * A student as a reader may see them. {@code schoolId} is the school attended today (null when
 * not enrolled anywhere today); {@code programFlags} is null for readers who may not see them;
 * {@code eligible} says the student is 18 or older and holds their own rights.
 */
public record StudentView(UUID id, String givenName, String familyName, String grade, UUID schoolId,
		List<EnrolmentView> enrolments, boolean eligible, ProgramFlags programFlags) {
}
