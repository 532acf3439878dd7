package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.homeroom.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schools, students and guardians over the API. Reads answer 404 for a student the caller may not
 * see, exactly as for one that does not exist.
 */
@RestController
@RequestMapping("/api/v1")
class DirectoryApiController {

	private static final String PURPOSE = "api";

	private final Directory directory;

	private final RecordAdministration administration;

	private final DirectoryRecords records;

	DirectoryApiController(Directory directory, RecordAdministration administration, DirectoryRecords records) {
		this.directory = directory;
		this.administration = administration;
		this.records = records;
	}

	@GetMapping("/schools")
	List<SchoolView> schools() {
		return directory.schools();
	}

	@PostMapping("/students")
	@ResponseStatus(HttpStatus.CREATED)
	StudentView addStudent(Viewer viewer, @Valid @RequestBody DirectoryCommands.NewStudent command) {
		return administration.addStudent(viewer, command);
	}

	@GetMapping("/students")
	StudentSearch.Page students(Viewer viewer, @RequestParam(required = false) UUID schoolId,
			@RequestParam(required = false) @Size(max = 20) String grade,
			@RequestParam(required = false) @Size(max = 200) String q, @RequestParam(required = false) UUID classId,
			@RequestParam(required = false) @Size(max = 35) String language,
			@RequestParam(defaultValue = "0") int page) {
		return directory.searchStudents(viewer, viewer.name(), PURPOSE,
				new StudentSearch.Criteria(schoolId, grade, q, classId, language, page, StudentSearch.PAGE_SIZE));
	}

	@GetMapping("/me/children")
	List<StudentView> myChildren(Viewer viewer) {
		return records.childrenOf(viewer, viewer.name(), PURPOSE);
	}

	@GetMapping("/students/{id}")
	StudentView student(Viewer viewer, @PathVariable UUID id) {
		return directory.student(viewer, viewer.name(), PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("student"));
	}

	@GetMapping("/students/{id}/guardians")
	List<GuardianView> guardians(Viewer viewer, @PathVariable UUID id) {
		return directory.guardiansOf(viewer, viewer.name(), PURPOSE, id)
			.orElseThrow(() -> new NotFoundException("student"));
	}

	@PostMapping("/guardians")
	@ResponseStatus(HttpStatus.CREATED)
	GuardianView addGuardian(Viewer viewer, @Valid @RequestBody DirectoryCommands.NewGuardian command) {
		return administration.addGuardian(viewer, command);
	}

	@PatchMapping("/guardians/{id}")
	GuardianView changeGuardian(Viewer viewer, @PathVariable UUID id,
			@Valid @RequestBody DirectoryCommands.GuardianChanges changes) {
		return administration.changeGuardian(viewer, viewer.name(), id, changes);
	}

	@PostMapping("/students/{id}/guardians")
	@ResponseStatus(HttpStatus.CREATED)
	DirectoryCommands.GuardianshipView link(Viewer viewer, @PathVariable UUID id,
			@Valid @RequestBody DirectoryCommands.NewGuardianship command) {
		return administration.linkGuardian(viewer, id, command);
	}

	@PostMapping("/students/{id}/guardians/{guardianId}/restrictions")
	@ResponseStatus(HttpStatus.CREATED)
	DirectoryCommands.RestrictionView restrict(Viewer viewer, @PathVariable UUID id,
			@PathVariable UUID guardianId, @Valid @RequestBody DirectoryCommands.NewRestriction command) {
		return administration.restrict(viewer, viewer.name(), id, guardianId, command);
	}

	@PostMapping("/students/{id}/guardians/{guardianId}/restrictions/{restrictionId}/lift")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void lift(Viewer viewer, @PathVariable UUID id, @PathVariable UUID guardianId,
			@PathVariable UUID restrictionId, @Valid @RequestBody(required = false) DirectoryCommands.LiftRestriction lift) {
		administration.liftRestriction(viewer, viewer.name(), id, guardianId, restrictionId, lift == null ? null : lift.note());
	}
}
