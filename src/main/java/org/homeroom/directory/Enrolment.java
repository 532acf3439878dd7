package org.homeroom.directory;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One period of a student's enrolment at one school; an open end means "still enrolled". */
@Entity
@Table(schema = "directory", name = "enrolment")
class Enrolment {

	@Id
	private UUID id;

	private UUID schoolId;

	private LocalDate startsOn;

	private LocalDate endsOn;

	protected Enrolment() {
	}

	Enrolment(UUID schoolId, LocalDate startsOn) {
		this.id = UUID.randomUUID();
		this.schoolId = schoolId;
		this.startsOn = startsOn;
	}

	boolean currentOn(LocalDate day) {
		return !startsOn.isAfter(day) && (endsOn == null || !endsOn.isBefore(day));
	}

	void endBefore(LocalDate day) {
		if (endsOn == null || !endsOn.isBefore(day)) {
			endsOn = startsOn.isBefore(day) ? day.minusDays(1) : startsOn;
		}
	}

	EnrolmentView view() {
		return new EnrolmentView(schoolId, startsOn, endsOn);
	}

	UUID schoolId() {
		return schoolId;
	}
}
