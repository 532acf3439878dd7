package org.homeroom.directory;

import java.time.LocalDate;
import java.util.UUID;

/** One enrolment period; {@code endsOn} is null while it lasts. */
public record EnrolmentView(UUID schoolId, LocalDate startsOn, LocalDate endsOn) {
}
