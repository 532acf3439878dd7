package org.homeroom.tasks;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tasks module's test-data builder: an open task written straight into the table, for tests of
 * other modules that need one to exist (the walks, for one) without knowing the table's columns.
 *
 * <pre>{@code
 * UUID task = ATask.titled("Call their family").about(student).openedBy("principal@district.test").insertInto(jdbc);
 * }</pre>
 */
public final class ATask {

	private final String title;

	private UUID student;

	private String openedBy;

	private ATask(String title) {
		this.title = title;
	}

	public static ATask titled(String title) {
		return new ATask(title);
	}

	public ATask about(UUID student) {
		this.student = student;
		return this;
	}

	/** The sign-in name of the member of staff who opened it; nobody's otherwise, as for a task a rule opened. */
	public ATask openedBy(String username) {
		this.openedBy = username;
		return this;
	}

	public UUID insertInto(JdbcClient jdbc) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into tasks.task (id, title, student_id, status, source, created_by, created_at, version)
				values (?, ?, ?, 'OPEN', 'manual', ?, now(), 0)""")
			.params(id, title, student, openedBy).update();
		return id;
	}
}
