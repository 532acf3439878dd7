package org.homeroom.directory.oneroster;

/** Per kind of record. For links and enrolments, "deactivated" means removed or ended. */
public record ImportCounts(long added, long updated, long deactivated) {
}
