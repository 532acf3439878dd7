package org.homeroom.directory.oneroster;

/**
 * Something an import noticed about its files: a tolerated variation (a warning), a defect that
 * rejects the import (an error), or a field a family edited that the SIS would change (a
 * conflict). It names where, as far as it can: file, line (1 is the header) and column.
 */
public record Issue(String file, Integer line, String column, String message) {

	@Override
	public String toString() {
		return file + (line == null ? "" : " line " + line) + (column == null ? "" : " " + column) + ": " + message;
	}
}
