package org.homeroom.tasks;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff work queue as pages: my open tasks by default, everything I may see on request, and
 * each task with its notes, where it is moved on, closed with an outcome, or given a note.
 */
@Controller
class TaskPageController {

	private static final String PURPOSE = "page";

	private final Tasks tasks;

	private final DistrictClock clock;

	TaskPageController(Tasks tasks, DistrictClock clock) {
		this.tasks = tasks;
		this.clock = clock;
	}

	@GetMapping("/tasks")
	String list(Viewer reader, @RequestParam(defaultValue = TaskFilters.ACTIVE) String status,
			@RequestParam(defaultValue = TaskFilters.ME) @Size(max = 320) String assignee,
			@RequestParam(defaultValue = "") @Size(max = 200) String q,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		TaskCommands.Page found = tasks.list(reader, PURPOSE,
				TaskFilters.criteria(reader, status, "all".equals(assignee) ? null : assignee, null, null, q, Math.max(page, 0)));
		model.addAttribute("tasks", found);
		model.addAttribute("paging", Paging.of(request, found.page(), found.size(), found.total(), found.items().size()));
		model.addAttribute("status", status);
		model.addAttribute("assignee", assignee);
		model.addAttribute("q", q);
		model.addAttribute("statuses", List.of(TaskFilters.ACTIVE, "DONE", "CANCELLED", ""));
		model.addAttribute("today", clock.today());
		return "tasks/tasks";
	}

	@GetMapping("/tasks/{id}")
	String task(Viewer reader, @PathVariable UUID id, Model model) {
		if (!model.containsAttribute("task")) {
			model.addAttribute("task", tasks.find(reader, PURPOSE, id)
				.orElseThrow(() -> new NotFoundException("task")));
		}
		model.addAttribute("statuses", TaskStatus.values());
		model.addAttribute("today", clock.today());
		return "tasks/task";
	}

	/** One form for moving a task on: a new status (with an outcome or a reason where it needs one) and a note. */
	@PostMapping("/tasks/{id}")
	String change(Viewer reader, @PathVariable UUID id, @RequestParam TaskStatus status,
			@RequestParam(defaultValue = "") @Size(max = 4000) String text, @RequestParam long version, Model model,
			RedirectAttributes redirect) {
		String written = text.isBlank() ? null : text.strip();
		try {
			tasks.change(reader, PURPOSE, id, new TaskCommands.TaskChanges(status, status == TaskStatus.DONE ? written : null,
					status == TaskStatus.CANCELLED ? written : null, null, null,
					status == TaskStatus.DONE || status == TaskStatus.CANCELLED ? null : written, version));
		}
		catch (InvalidInputException | TransitionNotAllowedException | TaskChangedException ex) {
			model.addAttribute("changeError", ex instanceof TaskChangedException ? "tasks.error.changed"
					: ex instanceof TransitionNotAllowedException ? "tasks.error.transition" : "tasks.error.reason");
			return task(reader, id, model);
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:/tasks/" + id;
	}

	@Bean
	static NavigationItem taskNavigation() {
		return new NavigationItem("nav.tasks", "/tasks", 50, StaffRoles.ALL);
	}
}
