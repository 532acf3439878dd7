package org.homeroom.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The read models the directory's pages show: whole records, assembled for one reader. */
public final class Records {

	private Records() {
	}

	/** A student's page: who they are, where they are enrolled, their classes and their family. */
	public record StudentRecord(StudentView student, List<EnrolmentLine> enrolments, List<ClassLine> classes,
			List<GuardianLine> guardians) {
	}

	public record EnrolmentLine(UUID schoolId, String schoolName, LocalDate startsOn, LocalDate endsOn, boolean current) {
	}

	public record ClassLine(UUID sectionId, String title, String courseCode, String schoolName, List<String> teachers) {
	}

	public record GuardianLine(GuardianView guardian, DirectoryCommands.Relationship relationship, boolean livesWith,
			boolean emergencyContact, boolean educationalRights, List<DirectoryCommands.RestrictionView> restrictions) {
	}

	/** A guardian's page for staff: the guardian and those of their children the reader may see. */
	public record GuardianRecord(GuardianView guardian, List<ChildLine> children) {
	}

	public record ChildLine(UUID studentId, String givenName, String familyName, String grade, String schoolName,
			DirectoryCommands.Relationship relationship, boolean educationalRights) {
	}

	/** A member of staff: where they work, in which roles, and what they teach. */
	public record StaffRecord(UUID id, String givenName, String familyName, String email, List<Assignment> assignments,
			List<ClassSummary> classes) {
	}

	public record Assignment(UUID schoolId, String schoolName, String role) {
	}

	public record ClassSummary(UUID sectionId, String title, String courseCode, String schoolName, int students) {
	}

	public record ClassRoster(ClassSummary section, List<StudentSearch.Summary> students) {
	}

	/** One line of a staff list, with the staff member's roles across schools. */
	public record StaffLine(UUID id, String givenName, String familyName, String email, String roles) {

		/** The roles, one per school assignment kind, e.g. {@code [COUNSELOR, TEACHER]}. */
		public List<String> roleList() {
			return roles.isEmpty() ? List.of() : List.of(roles.split(","));
		}
	}

	public record StaffPage(List<StaffLine> items, int page, int size, long total) {
	}
}
