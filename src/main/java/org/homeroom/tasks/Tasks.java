package org.homeroom.tasks;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks module's entry point: a small work queue for staff. Other modules open tasks here
 * through {@link #open(NewTask)}.
 *
 * <p>Who may see a task follows the directory's one access policy: a task about a student only
 * those staff who may see that student, a task about a guardian only those who may see one of the
 * guardian's children; anyone else is answered as if it did not exist. A task about nobody holds
 * no student's record, but its notes may still name a family, so it is kept to the staff member who
 * opened it, its assignee and district administrators. Families and partners see no tasks.
 */
@Service
public class Tasks {

	static final String MANUAL = "manual";

	private final TaskRepository tasks;

	private final Directory directory;

	private final JdbcClient jdbc;

	private final Clock clock;

	Tasks(TaskRepository tasks, Directory directory, JdbcClient jdbc, Clock clock) {
		this.tasks = tasks;
		this.directory = directory;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Opens a task and returns its id. Made from another module, it is checked for sense (a title, a
	 * source, an assignee on the staff list who may see whom it is about) but not against a reader:
	 * the module deciding to open it answers for that. The signed-in user, if there is one, is
	 * recorded as who opened it.
	 */
	@Transactional
	public UUID open(NewTask task) {
		return save(task, signedInUser()).id();
	}

	/** Whether a task from this source about this guardian is still open, so that a module opens it once. */
	@Transactional(readOnly = true)
	public boolean anyOpenAbout(String source, UUID guardianId) {
		return jdbc.sql("""
				select exists (select 1 from tasks.task where source = ? and guardian_id = ? and status in ('OPEN', 'IN_PROGRESS'))""")
			.params(source, guardianId).query(Boolean.class).single();
	}

	@Transactional
	TaskView create(TaskReader reader, TaskCommands.NewStaffTask form) {
		requireStaff(reader);
		Names names = requireVisible(reader.viewer(), form.studentId(), form.guardianId());
		Task task = save(new NewTask(form.title(), form.studentId(), form.guardianId(), form.assigneeUsername(), form.due(),
				form.notes(), MANUAL), reader.name());
		return names.view(task);
	}

	/** One task, if the reader may see it; a task naming a student is a read of that student's record. */
	@Transactional
	Optional<TaskView> find(TaskReader reader, String purpose, UUID id) {
		Optional<TaskView> found = tasks.findById(id).flatMap(task -> namesFor(reader, task).map(names -> names.view(task)));
		found.filter(task -> task.studentId() != null)
			.ifPresent(task -> directory.recordAccess(reader.name(), List.of(task.studentId()), "task", purpose, null));
		return found;
	}

	/**
	 * The tasks the reader may see that match, a page at a time, soonest due first. The criteria
	 * narrow the rows in the database; who may see which student is then asked of the directory for
	 * the students and guardians those rows name (one query each), so that the policy stays in one
	 * place. A queue holds thousands of tasks, not millions, so this stays cheap.
	 */
	@Transactional
	TaskCommands.Page list(TaskReader reader, String purpose, TaskCommands.Criteria criteria) {
		requireStaff(reader);
		LocalDate today = directory.today();
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("statuses", criteria.status().isEmpty() ? List.of("-") : criteria.status().stream().map(Enum::name).toList());
		parameters.put("anyStatus", criteria.status().isEmpty());
		parameters.put("assignee", criteria.assignee() == null ? "" : criteria.assignee().strip().toLowerCase(Locale.ROOT));
		parameters.put("studentId", criteria.studentId());
		parameters.put("q", criteria.q());
		// Overdue: due before today. This week: due from today until Sunday. Either only while not closed.
		parameters.put("dueFrom", criteria.due() == TaskCommands.Due.WEEK ? today : null);
		parameters.put("dueUntil", criteria.due() == TaskCommands.Due.OVERDUE ? today.minusDays(1)
				: criteria.due() == TaskCommands.Due.WEEK ? today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)) : null);
		List<Candidate> candidates = jdbc.sql("""
				select id, student_id, guardian_id, created_by, assignee from tasks.task
				where (:anyStatus or status in (:statuses))
				  and (:assignee = '' or assignee = :assignee)
				  and (cast(:studentId as uuid) is null or student_id = :studentId)
				  and (:q = '' or lower(title) like '%' || lower(:q) || '%')
				  and (cast(:dueUntil as date) is null or (due_on <= :dueUntil and status in ('OPEN', 'IN_PROGRESS')
				       and (cast(:dueFrom as date) is null or due_on >= :dueFrom)))
				order by due_on nulls last, created_at, id""")
			.params(parameters)
			.query(Candidate.class)
			.list();
		Names names = names(reader.viewer(), candidates.stream().map(Candidate::studentId).toList(),
				candidates.stream().map(Candidate::guardianId).toList());
		List<UUID> visible = candidates.stream().filter(candidate -> names.allow(reader, candidate)).map(Candidate::id).toList();
		int size = TaskCommands.PAGE_SIZE;
		List<UUID> pageIds = visible.subList(Math.min(visible.size(), criteria.page() * size),
				Math.min(visible.size(), criteria.page() * size + size));
		Map<UUID, Task> loaded = tasks.findAllById(pageIds).stream().collect(Collectors.toMap(Task::id, Function.identity()));
		List<TaskView> items = pageIds.stream().map(loaded::get).map(task -> names.view(task)).toList();
		List<UUID> students = items.stream().map(TaskView::studentId).filter(Objects::nonNull).distinct().toList();
		if (!students.isEmpty()) {
			directory.recordAccess(reader.name(), students, "task.list", purpose, criteria.describe());
		}
		return new TaskCommands.Page(items, criteria.page(), size, visible.size());
	}

	/** Applies a change, all of it or nothing: each part is checked before the task is saved. */
	@Transactional
	TaskView change(TaskReader reader, String purpose, UUID id, TaskCommands.TaskChanges changes) {
		Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("task"));
		Names names = namesFor(reader, task).orElseThrow(() -> new NotFoundException("task"));
		if (changes.version() != null && changes.version() != task.version()) {
			throw new TaskChangedException();
		}
		var now = clock.instant();
		if (changes.status() != null && changes.status() != task.status()) {
			switch (changes.status()) {
				case IN_PROGRESS -> task.start();
				case DONE -> task.complete(blankToNull(changes.outcome()), now);
				case CANCELLED -> task.cancel(required(changes.reason(), "reason", "Say why the task is cancelled"), now);
				case OPEN -> task.reopen();
			}
		}
		if (changes.assigneeUsername() != null) {
			task.reassign(assignee(changes.assigneeUsername(), task.studentId(), task.guardianId()));
		}
		if (changes.due() != null) {
			task.reschedule(due(changes.due()));
		}
		if (changes.note() != null) {
			task.addNote(reader.name(), required(changes.note(), "note", "A note cannot be empty"), now);
		}
		TaskView view = names.view(tasks.saveAndFlush(task));
		if (view.studentId() != null) {
			directory.recordAccess(reader.name(), List.of(view.studentId()), "task", purpose, null);
		}
		return view;
	}

	private Task save(NewTask task, String createdBy) {
		String title = required(task.title(), "title", "A task needs a title");
		if (title.length() > 200) {
			throw new InvalidInputException("title", "A title has at most 200 characters");
		}
		String source = required(task.source(), "source", "Say which module opened the task");
		Task opened = Task.open(title, task.studentId(), task.guardianId(),
				task.assigneeUsername() == null ? null : assignee(task.assigneeUsername(), task.studentId(), task.guardianId()),
				task.due() == null ? null : due(task.due()), source, createdBy, clock.instant());
		if (task.notes() != null && !task.notes().isBlank()) {
			opened.addNote(createdBy, task.notes().strip(), clock.instant());
		}
		return tasks.saveAndFlush(opened);
	}

	/**
	 * An assignee must be on the staff list and able to see whom the task is about: a task they
	 * could not open would silently vanish from their queue.
	 */
	private String assignee(String username, UUID studentId, UUID guardianId) {
		if (username.isBlank()) {
			return null;
		}
		String name = username.strip().toLowerCase(Locale.ROOT);
		Viewer viewer = directory.viewerOf(name, List.of());
		if (viewer.staffId().isEmpty()) {
			throw new InvalidInputException("assigneeUsername", "No member of staff signs in as " + name);
		}
		Names names = names(viewer, listOf(studentId), listOf(guardianId));
		if ((studentId != null && !names.students().containsKey(studentId))
				|| (guardianId != null && !names.guardians().containsKey(guardianId))) {
			throw new InvalidInputException("assigneeUsername", name + " may not see whom this task is about");
		}
		return name;
	}

	private LocalDate due(LocalDate due) {
		if (due.isBefore(directory.today())) {
			throw new InvalidInputException("due", "A due date cannot be in the past");
		}
		return due;
	}

	/** A student or guardian the reader may not see is refused exactly as one that does not exist. */
	private Names requireVisible(Viewer viewer, UUID studentId, UUID guardianId) {
		Names names = names(viewer, listOf(studentId), listOf(guardianId));
		if (studentId != null && !names.students().containsKey(studentId)) {
			throw new InvalidInputException("studentId", "No student you may see has this id");
		}
		if (guardianId != null && !names.guardians().containsKey(guardianId)) {
			throw new InvalidInputException("guardianId", "No guardian you may see has this id");
		}
		return names;
	}

	/**
	 * Whom the task is about, as the reader may see them; empty when the reader may not see the task,
	 * which the caller answers as if it did not exist. One look-up per task, reused for its view.
	 */
	private Optional<Names> namesFor(TaskReader reader, Task task) {
		if (!reader.staff()) {
			return Optional.empty();
		}
		Names names = names(reader.viewer(), listOf(task.studentId()), listOf(task.guardianId()));
		return names.allow(reader, task.candidate()) ? Optional.of(names) : Optional.empty();
	}

	private Names names(Viewer viewer, Collection<UUID> studentIds, Collection<UUID> guardianIds) {
		return new Names(viewer.districtAdmin(),
				directory.visibleStudentNames(viewer, studentIds.stream().filter(Objects::nonNull).distinct().toList()),
				directory.visibleGuardianNames(viewer, guardianIds.stream().filter(Objects::nonNull).distinct().toList()));
	}

	private static List<UUID> listOf(UUID id) {
		return id == null ? List.of() : List.of(id);
	}

	private static String required(String value, String field, String message) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, message);
		}
		return value.strip();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static void requireStaff(TaskReader reader) {
		if (!reader.staff()) {
			throw new org.springframework.security.access.AccessDeniedException("Tasks are for staff");
		}
	}

	private static String signedInUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || authentication instanceof AnonymousAuthenticationToken ? null
				: authentication.getName().toLowerCase(Locale.ROOT);
	}

	/** One row of the queue before the access policy has been asked about it. */
	record Candidate(UUID id, UUID studentId, UUID guardianId, String createdBy, String assignee) {
	}

	/** The students and guardians a reader may see, with their names, among those some tasks name. */
	private record Names(boolean districtWide, Map<UUID, String> students, Map<UUID, String> guardians) {

		boolean allow(TaskReader reader, Candidate task) {
			if (task.studentId() == null && task.guardianId() == null) {
				return districtWide || reader.name().equals(task.createdBy()) || reader.name().equals(task.assignee());
			}
			return (task.studentId() == null || students.containsKey(task.studentId()))
					&& (task.guardianId() == null || guardians.containsKey(task.guardianId()));
		}

		TaskView view(Task task) {
			return task.view(task.studentId() == null ? null : students.get(task.studentId()),
					task.guardianId() == null ? null : guardians.get(task.guardianId()));
		}
	}
}
