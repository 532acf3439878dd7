package org.homeroom.privacy;

import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may read the access log, the one rule for its API and its page. A district administrator may
 * search all of it. A school administrator, or a family, may read the log of one student they may
 * see at a time: a family learns who at the school looked at their own child's record.
 */
@Component
class AccessLogReaders {

	private final Directory directory;

	AccessLogReaders(Directory directory) {
		this.directory = directory;
	}

	/**
	 * The caller as a reader of the log, refused if they may read none of it.
	 *
	 * @param familiesToo whether a family may read here (the API) or not (the staff page)
	 */
	Reader readerOf(Viewer viewer, boolean familiesToo) {
		boolean family = viewer.staffId().isEmpty() && !viewer.guardianIds().isEmpty();
		if (!viewer.districtAdmin() && !viewer.hasRole("SCHOOL_ADMIN") && !(familiesToo && family)) {
			throw new AccessDeniedException("The access log is for administrators and for a student's own family");
		}
		return new Reader(viewer);
	}

	/** Refuses a reader who must name a student and has not, or has named one they may not see. */
	void requireMayRead(Reader reader, UUID studentId) {
		if (reader.wholeLog()) {
			return;
		}
		if (studentId == null) {
			throw new InvalidInputException("studentId", "Name the student whose access log you want to read");
		}
		if (!directory.canSee(reader.viewer(), studentId)) {
			throw new NotFoundException("student");
		}
	}

	record Reader(Viewer viewer) {

		/** Only a district administrator may search the log without naming a student. */
		boolean wholeLog() {
			return viewer.districtAdmin();
		}
	}
}
