/**
 * The OneRoster 1.1 and 1.2 CSV import: a district's student information system sends its
 * schools, sessions, classes, people and enrolments as a zip (or a folder), and the directory
 * takes them in whole or not at all.
 *
 * <p>Files are read a record at a time and copied into temporary tables inside one transaction;
 * references are checked there in SQL and the changes applied set-based, so that neither the
 * size of a district nor a half-read file can leave the directory half-changed. Part of the
 * directory module, whose tables it writes.
 *
 * <p>A district may instead name a drop folder: a recurring db-scheduler task imports each new zip
 * there once, known by its content's hash, and reports what it could not import as
 * {@link org.homeroom.directory.RosterSyncFailed}.
 */
package org.homeroom.directory.oneroster;
