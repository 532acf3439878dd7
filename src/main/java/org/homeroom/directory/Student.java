package org.homeroom.directory;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A student, with the enrolment periods that say which school they attend on any day. */
@Entity
@Table(schema = "directory", name = "student")
class Student {

	/** The age of majority at which rights under FERPA pass from the parents to the student. */
	static final int ELIGIBLE_AGE = 18;

	@Id
	private UUID id;

	private String sourceId;

	private String givenName;

	private String familyName;

	private String grade;

	private LocalDate birthDate;

	private boolean englishLearner;

	private boolean iep;

	@Column(name = "section_504")
	private boolean section504;

	private boolean active;

	@Version
	private long version;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "student_id", nullable = false)
	@OrderBy("startsOn")
	private List<Enrolment> enrolments = new ArrayList<>();

	protected Student() {
	}

	private Student(String givenName, String familyName, String grade) {
		this.id = UUID.randomUUID();
		this.givenName = givenName;
		this.familyName = familyName;
		this.grade = grade;
		this.active = true;
	}

	/** A new student, enrolled at a school from a day on. */
	static Student admit(String givenName, String familyName, String grade, UUID schoolId, LocalDate from) {
		Student student = new Student(givenName.strip(), familyName.strip(), grade);
		student.enrolments.add(new Enrolment(schoolId, from));
		return student;
	}

	/** Ends the current enrolment the day before and opens one at the new school. */
	void transfer(UUID schoolId, LocalDate on) {
		enrolments.stream().filter(enrolment -> enrolment.currentOn(on)).forEach(enrolment -> enrolment.endBefore(on));
		enrolments.add(new Enrolment(schoolId, on));
	}

	Optional<UUID> schoolOn(LocalDate day) {
		return enrolments.stream()
			.filter(enrolment -> enrolment.currentOn(day))
			.max(Comparator.comparing(enrolment -> enrolment.view().startsOn()))
			.map(Enrolment::schoolId);
	}

	boolean eligibleOn(LocalDate day) {
		return birthDate != null && Period.between(birthDate, day).getYears() >= ELIGIBLE_AGE;
	}

	UUID id() {
		return id;
	}

	StudentView view(LocalDate today, boolean withProgramFlags) {
		return new StudentView(id, givenName, familyName, grade, schoolOn(today).orElse(null),
				enrolments.stream().map(Enrolment::view).toList(), eligibleOn(today),
				withProgramFlags ? new ProgramFlags(englishLearner, iep, section504) : null);
	}
}
