package org.homeroom.directory;

/** Programme flags, shown only to the student's teachers, counsellors and administrators. */
public record ProgramFlags(boolean englishLearner, boolean iep, boolean section504) {
}
