package org.homeroom.tasks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * The staff work queue over the API. A task the caller may not see answers 404, exactly as one
 * that does not exist; a status change the task's status does not allow, or a change made against
 * an older version, answers 409 naming the field.
 */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskApiController {

	private static final String PURPOSE = "api";

	private final Tasks tasks;

	TaskApiController(Tasks tasks) {
		this.tasks = tasks;
	}

	/**
	 * @param status a status, or {@code ACTIVE} for open or in progress; any status when absent
	 * @param assignee {@code me}, or a staff member's sign-in name
	 * @param due {@code OVERDUE} or {@code WEEK} (due from today until Sunday)
	 * @param q words in the title
	 */
	@GetMapping
	TaskCommands.Page list(Viewer reader, @RequestParam(required = false) @Size(max = 20) String status,
			@RequestParam(required = false) @Size(max = 320) String assignee, @RequestParam(required = false) UUID studentId,
			@RequestParam(required = false) TaskCommands.Due due, @RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "0") int page) {
		return tasks.list(reader, PURPOSE, TaskFilters.criteria(reader, status, assignee, studentId, due, q, page));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	TaskView create(Viewer reader, @Valid @RequestBody TaskCommands.NewStaffTask task) {
		return tasks.create(reader, task);
	}

	@GetMapping("/{id}")
	TaskView task(Viewer reader, @PathVariable UUID id) {
		return tasks.find(reader, PURPOSE, id).orElseThrow(() -> new NotFoundException("task"));
	}

	@PatchMapping("/{id}")
	TaskView change(Viewer reader, @PathVariable UUID id, @Valid @RequestBody TaskCommands.TaskChanges changes) {
		return tasks.change(reader, PURPOSE, id, changes);
	}

	@ExceptionHandler(TransitionNotAllowedException.class)
	ProblemDetail transitionNotAllowed(TransitionNotAllowedException ex) {
		return conflict("status", ex.getMessage());
	}

	@ExceptionHandler(TaskChangedException.class)
	ProblemDetail changedMeanwhile(TaskChangedException ex) {
		return conflict("version", ex.getMessage());
	}

	private static ProblemDetail conflict(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message);
		problem.setTitle("Conflict");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}
}
