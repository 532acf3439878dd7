package org.homeroom.directory;

/** A contact point as staff see it; an invalid phone is shown flagged so it can be corrected. */
public record ContactView(String value, boolean valid) {
}
