package org.homeroom.tasks;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
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
 * through {@link #open(NewTask)}, or many at once, one per guardian, through
 * {@link #openOncePerGuardian(List)}.
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

	private final DistrictClock clock;

	Tasks(TaskRepository tasks, Directory directory, JdbcClient jdbc, DistrictClock clock) {
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

	/**
	 * Opens one task per guardian, in one statement for any number of them, and returns how many it
	 * opened. A guardian who already has an open (or in progress) task from the same source gets no
	 * second one, nor does a guardian named twice in {@code newTasks}. Each task is checked for sense
	 * as {@link #open} checks one, with the directory asked once per assignee rather than once per
	 * task; a task that fails a check fails them all.
	 */
	@Transactional
	public int openOncePerGuardian(List<NewTask> newTasks) {
		if (newTasks.isEmpty()) {
			return 0;
		}
		LocalDate today = clock.today();
		List<String> titles = new ArrayList<>();
		List<String> assignees = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		for (NewTask task : newTasks) {
			if (task.guardianId() == null) {
				throw new InvalidInputException("guardianId", "Each task opened once per guardian names a guardian");
			}
			titles.add(title(task.title()));
			sources.add(required(task.source(), "source", "Say which module opened the task"));
			if (task.due() != null && task.due().isBefore(today)) {
				throw new InvalidInputException("due", "A due date cannot be in the past");
			}
			assignees.add(task.assigneeUsername() == null || task.assigneeUsername().isBlank() ? null
					: task.assigneeUsername().strip().toLowerCase(Locale.ROOT));
		}
		requireAssigneesMaySee(newTasks, assignees);
		String createdBy = signedInUser();
		Instant now = clock.now();
		Map<String, Object> rows = new HashMap<>();
		rows.put("ids", newTasks.stream().map(task -> UUID.randomUUID().toString()).toArray(String[]::new));
		rows.put("titles", titles.toArray(String[]::new));
		rows.put("students", newTasks.stream().map(task -> text(task.studentId())).toArray(String[]::new));
		rows.put("guardians", newTasks.stream().map(task -> task.guardianId().toString()).toArray(String[]::new));
		rows.put("assignees", assignees.toArray(String[]::new));
		rows.put("dues", newTasks.stream().map(task -> text(task.due())).toArray(String[]::new));
		rows.put("notes", newTasks.stream().map(task -> blankToNull(task.notes())).toArray(String[]::new));
		rows.put("sources", sources.toArray(String[]::new));
		rows.put("createdBy", createdBy);
		rows.put("now", Timestamp.from(now));
		// Sibling inserts in one statement: the notes' foreign key is checked at the statement's end,
		// when their tasks exist.
		return jdbc.sql("""
				with input as (
				  select * from unnest(cast(:ids as uuid[]), cast(:titles as text[]), cast(:students as uuid[]),
				                       cast(:guardians as uuid[]), cast(:assignees as text[]), cast(:dues as date[]),
				                       cast(:notes as text[]), cast(:sources as text[]))
				         with ordinality as i(id, title, student_id, guardian_id, assignee, due_on, notes, source, position)
				), fresh as (
				  select distinct on (guardian_id, source) * from input i
				  where not exists (select 1 from tasks.task t where t.source = i.source and t.guardian_id = i.guardian_id
				                    and t.status in ('OPEN', 'IN_PROGRESS'))
				  order by guardian_id, source, position
				), opened as (
				  insert into tasks.task (id, title, student_id, guardian_id, assignee, due_on, status, source, created_by,
				                          created_at, version)
				  select id, title, student_id, guardian_id, assignee, due_on, 'OPEN', source, :createdBy, :now, 0 from fresh
				  returning id
				), noted as (
				  insert into tasks.task_note (task_id, position, author, written_at, body)
				  select id, 0, :createdBy, :now, notes from fresh where notes is not null
				)
				select count(*) from opened""")
			.params(rows)
			.query(Integer.class)
			.single();
	}

	@Transactional
	TaskView create(Viewer reader, TaskCommands.NewStaffTask form) {
		requireStaff(reader);
		Names names = requireVisible(reader, form.studentId(), form.guardianId());
		Task task = save(new NewTask(form.title(), form.studentId(), form.guardianId(), form.assigneeUsername(), form.due(),
				form.notes(), MANUAL), reader.name());
		return names.view(task);
	}

	/** One task, if the reader may see it; a task naming a student is a read of that student's record. */
	@Transactional
	Optional<TaskView> find(Viewer reader, String purpose, UUID id) {
		Optional<TaskView> found = tasks.findById(id).flatMap(task -> namesFor(reader, task).map(names -> names.view(task)));
		found.filter(task -> task.studentId() != null)
			.ifPresent(task -> directory.recordAccess(reader.name(), List.of(task.studentId()), "task", purpose, null));
		return found;
	}

	/**
	 * The tasks the reader may see that match, a page at a time, soonest due first, paged in the
	 * database. Who may see which student stays the directory's one policy: it is asked once about
	 * the students and guardians that the matching tasks name (each once), and the page and its
	 * total are then counted in SQL over the tasks naming only those.
	 */
	@Transactional
	TaskCommands.Page list(Viewer reader, String purpose, TaskCommands.Criteria criteria) {
		requireStaff(reader);
		LocalDate today = clock.today();
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
		String matching = """
				from tasks.task
				where (:anyStatus or status in (:statuses))
				  and (:assignee = '' or assignee = :assignee)
				  and (cast(:studentId as uuid) is null or student_id = :studentId)
				  and (:q = '' or lower(title) like '%' || lower(:q) || '%')
				  and (cast(:dueUntil as date) is null or (due_on <= :dueUntil and status in ('OPEN', 'IN_PROGRESS')
				       and (cast(:dueFrom as date) is null or due_on >= :dueFrom)))""";
		Named named = jdbc.sql("""
				select coalesce(array_agg(distinct student_id) filter (where student_id is not null), '{}')::text[],
				       coalesce(array_agg(distinct guardian_id) filter (where guardian_id is not null), '{}')::text[]
				""" + matching)
			.params(parameters)
			.query((rs, row) -> new Named(uuids(rs.getArray(1)), uuids(rs.getArray(2))))
			.single();
		Names names = names(reader, named.students(), named.guardians());
		parameters.put("visibleStudents", names.students().keySet().stream().map(UUID::toString).toArray(String[]::new));
		parameters.put("visibleGuardians", names.guardians().keySet().stream().map(UUID::toString).toArray(String[]::new));
		parameters.put("districtWide", reader.districtAdmin());
		parameters.put("reader", reader.name());
		// Names.allow, in SQL: a task about nobody is its opener's, its assignee's and the district's.
		String visible = """
				  and (case when student_id is null and guardian_id is null
				            then :districtWide or created_by = :reader or assignee = :reader
				            else (student_id is null or student_id = any(cast(:visibleStudents as uuid[])))
				             and (guardian_id is null or guardian_id = any(cast(:visibleGuardians as uuid[]))) end)""";
		long total = jdbc.sql("select count(*) " + matching + visible).params(parameters).query(Long.class).single();
		int size = TaskCommands.PAGE_SIZE;
		parameters.put("size", size);
		parameters.put("offset", (long) criteria.page() * size);
		List<UUID> pageIds = jdbc.sql("select id " + matching + visible
				+ " order by due_on nulls last, created_at, id limit :size offset :offset")
			.params(parameters)
			.query(UUID.class)
			.list();
		Map<UUID, Task> loaded = tasks.findWithNotes(pageIds).stream()
			.collect(Collectors.toMap(Task::id, Function.identity(), (first, same) -> first));
		List<TaskView> items = pageIds.stream().map(loaded::get).map(task -> names.view(task)).toList();
		List<UUID> students = items.stream().map(TaskView::studentId).filter(Objects::nonNull).distinct().toList();
		if (!students.isEmpty()) {
			directory.recordAccess(reader.name(), students, "task.list", purpose, criteria.describe());
		}
		return new TaskCommands.Page(items, criteria.page(), size, total);
	}

	/** Applies a change, all of it or nothing: each part is checked before the task is saved. */
	@Transactional
	TaskView change(Viewer reader, String purpose, UUID id, TaskCommands.TaskChanges changes) {
		Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("task"));
		Names names = namesFor(reader, task).orElseThrow(() -> new NotFoundException("task"));
		if (changes.version() != null && changes.version() != task.version()) {
			throw new TaskChangedException();
		}
		var now = clock.now();
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
		String title = title(task.title());
		String source = required(task.source(), "source", "Say which module opened the task");
		Task opened = Task.open(title, task.studentId(), task.guardianId(),
				task.assigneeUsername() == null ? null : assignee(task.assigneeUsername(), task.studentId(), task.guardianId()),
				task.due() == null ? null : due(task.due()), source, createdBy, clock.now());
		if (task.notes() != null && !task.notes().isBlank()) {
			opened.addNote(createdBy, task.notes().strip(), clock.now());
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

	/**
	 * Every assignee of these tasks must be on the staff list and see whom their tasks are about: the
	 * directory is asked once per assignee, for all of that assignee's tasks together.
	 */
	private void requireAssigneesMaySee(List<NewTask> newTasks, List<String> assignees) {
		Map<String, List<NewTask>> byAssignee = new LinkedHashMap<>();
		for (int i = 0; i < newTasks.size(); i++) {
			if (assignees.get(i) != null) {
				byAssignee.computeIfAbsent(assignees.get(i), name -> new ArrayList<>()).add(newTasks.get(i));
			}
		}
		byAssignee.forEach((name, theirs) -> {
			Viewer viewer = directory.viewerOf(name, List.of());
			if (viewer.staffId().isEmpty()) {
				throw new InvalidInputException("assigneeUsername", "No member of staff signs in as " + name);
			}
			Names names = names(viewer, theirs.stream().map(NewTask::studentId).toList(),
					theirs.stream().map(NewTask::guardianId).toList());
			for (NewTask task : theirs) {
				if ((task.studentId() != null && !names.students().containsKey(task.studentId()))
						|| !names.guardians().containsKey(task.guardianId())) {
					throw new InvalidInputException("assigneeUsername", name + " may not see whom this task is about");
				}
			}
		});
	}

	private LocalDate due(LocalDate due) {
		if (due.isBefore(clock.today())) {
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
	private Optional<Names> namesFor(Viewer reader, Task task) {
		if (!reader.staff()) {
			return Optional.empty();
		}
		Names names = names(reader, listOf(task.studentId()), listOf(task.guardianId()));
		return names.allow(reader, task.candidate()) ? Optional.of(names) : Optional.empty();
	}

	private Names names(Viewer viewer, Collection<UUID> studentIds, Collection<UUID> guardianIds) {
		return new Names(viewer.districtAdmin(),
				directory.visibleStudentNames(viewer, studentIds.stream().filter(Objects::nonNull).distinct().toList()),
				directory.visibleGuardianNames(viewer, guardianIds.stream().filter(Objects::nonNull).distinct().toList()));
	}

	private static String title(String title) {
		String stripped = required(title, "title", "A task needs a title");
		if (stripped.length() > 200) {
			throw new InvalidInputException("title", "A title has at most 200 characters");
		}
		return stripped;
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		return java.util.Arrays.stream((String[]) array.getArray()).map(UUID::fromString).toList();
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

	private static void requireStaff(Viewer reader) {
		reader.requireStaff("Tasks are for staff");
	}

	private static String signedInUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || authentication instanceof AnonymousAuthenticationToken ? null
				: authentication.getName().toLowerCase(Locale.ROOT);
	}

	/** One row of the queue before the access policy has been asked about it. */
	record Candidate(UUID id, UUID studentId, UUID guardianId, String createdBy, String assignee) {
	}

	/** The students and guardians that the tasks matching a search name, each once. */
	private record Named(List<UUID> students, List<UUID> guardians) {
	}

	/** The students and guardians a reader may see, with their names, among those some tasks name. */
	private record Names(boolean districtWide, Map<UUID, String> students, Map<UUID, String> guardians) {

		boolean allow(Viewer reader, Candidate task) {
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
