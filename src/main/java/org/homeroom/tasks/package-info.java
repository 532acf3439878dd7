/**
 * A small staff work queue: tasks about a student or guardian, with an assignee, a due date, a
 * status and an append-only list of notes. Other modules (messaging, later attendance and
 * referrals) open tasks through {@link org.homeroom.tasks.Tasks#open}.
 *
 * <p>Who may see a task follows the directory's access policy for the student or guardian it
 * names. Depends on {@code shared}, {@code platform} and {@code directory}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory" })
package org.homeroom.tasks;
