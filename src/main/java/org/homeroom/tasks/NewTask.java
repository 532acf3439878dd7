package org.homeroom.tasks;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A task another module (or a member of staff) asks the tasks module to open.
 *
 * @param title what is to be done, shown in the queue
 * @param studentId the student the task is about, or {@code null}
 * @param guardianId the guardian the task is about, or {@code null}
 * @param assigneeUsername the staff account (username or e-mail) who should do it, or {@code null}
 *     for an unassigned task
 * @param due when it should be done, or {@code null}
 * @param notes a first note, or {@code null}/blank for none
 * @param source which module made it and from what, e.g. {@code messaging:announcement:<id>} or
 *     {@code manual}
 */
public record NewTask(String title, UUID studentId, UUID guardianId, String assigneeUsername, LocalDate due,
		String notes, String source) {
}
