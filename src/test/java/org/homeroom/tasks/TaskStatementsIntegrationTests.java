package org.homeroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.homeroom.IntegrationTest;
import org.homeroom.StatementCounter;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.directory.Districts;
import org.homeroom.directory.DistrictClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work on a set of tasks is done as a set: call tasks for any number of families are opened in the
 * same few statements, and the queue is paged in the database, its total counting only the tasks
 * the reader may see.
 */
@IntegrationTest
@Import(StatementCounter.Wrapping.class)
class TaskStatementsIntegrationTests {

	@Autowired
	Tasks tasks;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock clock;

	@Autowired
	JdbcClient jdbc;

	Districts given;

	UUID school;

	String liaison;

	String tag;

	@BeforeEach
	void aSchoolAndItsFamilyLiaison() {
		given = Districts.in(jdbc);
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Lincoln Middle " + tag);
		liaison = "liaison-" + tag + "@district.test";
		given.assign(given.staff("Yousef", liaison), school, "FAMILY_LIAISON");
	}

	@Test
	void callTasksForFiveOrFiveHundredFamiliesTakeTheSameNumberOfStatements() {
		String source = "messaging:announcement:" + UUID.randomUUID();
		List<NewTask> five = callTasks(families(5), source);
		List<NewTask> fiveHundred = callTasks(families(500), source);

		int[] opened = new int[2];
		clock.today();
		int forFive = StatementCounter.count(() -> opened[0] = tasks.openOncePerGuardian(five));
		clock.today();
		int forFiveHundred = StatementCounter.count(() -> opened[1] = tasks.openOncePerGuardian(fiveHundred));

		assertThat(opened).containsExactly(5, 500);
		assertThat(forFiveHundred).isEqualTo(forFive).isLessThanOrEqualTo(10);
		assertThat(jdbc.sql("select count(*) from tasks.task where source = ? and assignee = ? and status = 'OPEN'")
			.params(source, liaison).query(Long.class).single()).isEqualTo(505);
	}

	@Test
	void aFamilyWithAnOpenCallTaskFromTheSameAnnouncementGetsNoSecond() {
		String source = "messaging:announcement:" + UUID.randomUUID();
		List<UUID> families = families(3);
		assertThat(tasks.openOncePerGuardian(callTasks(families.subList(0, 1), source))).isEqualTo(1);

		assertThat(tasks.openOncePerGuardian(callTasks(families, source))).isEqualTo(2);
		assertThat(tasks.openOncePerGuardian(callTasks(families, source))).isZero();
		assertThat(tasks.openOncePerGuardian(callTasks(families, "messaging:announcement:" + UUID.randomUUID())))
			.isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from tasks.task where source = ?").param(source).query(Long.class).single())
			.isEqualTo(3);
	}

	@Test
	void anAssigneeWhoMayNotSeeAFamilyIsRefusedAndNothingIsOpened() {
		String source = "messaging:announcement:" + UUID.randomUUID();
		List<NewTask> theirs = new ArrayList<>(callTasks(families(2), source));
		UUID elsewhere = given.aGuardian("Omar", "Elsewhere").id();
		theirs.add(new NewTask("Call Omar", null, elsewhere, liaison, null, null, source));

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.openOncePerGuardian(theirs))
			.hasMessageContaining("may not see");
		assertThat(jdbc.sql("select count(*) from tasks.task where source = ?").param(source).query(Long.class).single())
			.isZero();
	}

	@Test
	void theQueueIsPagedInTheDatabaseOverOnlyTheTasksTheReaderMaySee() {
		String teacher = "teacher-" + tag + "@district.test";
		UUID maths = given.aSection("Maths").at(school).id();
		given.teach(maths, given.staff("Lucía", teacher));
		UUID maya = given.student("Maya", "Ortega", "07");
		given.enrol(maya, school, today().minusMonths(1), null);
		given.enrolInSection(maths, maya, today().minusMonths(1), null);
		UUID omar = given.student("Omar", "Elsewhere", "07");
		for (int i = 0; i < 30; i++) {
			tasks.open(new NewTask("Call %s %02d".formatted(tag, i), maya, null, null, today().plusDays(i), null, "test"));
			tasks.open(new NewTask("Call %s about Omar %02d".formatted(tag, i), omar, null, null, null, null, "test"));
		}
		Viewer reader = directory.viewerOf(teacher, Set.of("TEACHER"));

		TaskCommands.Page first = tasks.list(reader, "page", criteria(0));
		TaskCommands.Page second = tasks.list(reader, "page", criteria(1));

		assertThat(first.total()).isEqualTo(30);
		assertThat(first.items()).hasSize(25).allMatch(task -> maya.equals(task.studentId()));
		assertThat(first.items().get(0).title()).isEqualTo("Call %s 00".formatted(tag));
		assertThat(second.total()).isEqualTo(30);
		assertThat(second.items()).extracting(TaskView::title)
			.containsExactly(IntStream.range(25, 30).mapToObj(i -> "Call %s %02d".formatted(tag, i)).toArray(String[]::new));
		assertThat(tasks.list(reader, "page", criteria(2)).items()).isEmpty();

		clock.today();
		List<String> statements = StatementCounter.statements(() -> tasks.list(reader, "page", criteria(0)));
		// Rows of the queue are read a page at a time: no statement reads tasks without a limit.
		assertThat(statements.stream().filter(sql -> sql.contains("from tasks.task") && sql.contains("order by")))
			.isNotEmpty()
			.allMatch(sql -> sql.contains("limit"));
		for (int i = 30; i < 90; i++) {
			tasks.open(new NewTask("Call %s %02d".formatted(tag, i), maya, null, null, null, "A note", "test"));
		}
		clock.today();
		assertThat(StatementCounter.count(() -> tasks.list(reader, "page", criteria(0)))).isEqualTo(statements.size());
	}

	private TaskCommands.Criteria criteria(int page) {
		return new TaskCommands.Criteria(List.of(), null, null, null, tag, page);
	}

	/** Guardians each with a child at the liaison's school, so that the liaison may see them all. */
	private List<UUID> families(int count) {
		List<UUID> guardians = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID child = given.student("Child" + i, "Family" + i, "05");
			given.enrol(child, school, today().minusMonths(1), null);
			UUID guardian = given.aGuardian("Parent" + i, "Family" + i).ofStudent(child).withEducationalRights().id();
			guardians.add(guardian);
		}
		return guardians;
	}

	private List<NewTask> callTasks(List<UUID> guardians, String source) {
		return guardians.stream()
			.map(guardian -> new NewTask("Call about an announcement", null, guardian, liaison, today().plusDays(2), null,
					source))
			.toList();
	}

	private LocalDate today() {
		return clock.today();
	}
}
