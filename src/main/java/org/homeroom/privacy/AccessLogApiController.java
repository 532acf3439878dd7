package org.homeroom.privacy;

import java.time.Instant;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access log over the API. A district administrator may search all of it. A school
 * administrator, or a family, may read the log of one student they may see: a family learns who
 * at the school looked at their own child's record.
 */
@RestController
class AccessLogApiController {

	private final AccessLog log;

	private final Directory directory;

	AccessLogApiController(AccessLog log, Directory directory) {
		this.log = log;
		this.directory = directory;
	}

	@GetMapping("/api/v1/access-log")
	AccessLog.Page search(Authentication caller, @RequestParam(required = false) UUID studentId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant until, @RequestParam(defaultValue = "0") int page) {
		Viewer viewer = directory.viewerOf(caller);
		if (!viewer.districtAdmin()) {
			boolean family = viewer.staffId().isEmpty() && !viewer.guardianIds().isEmpty();
			boolean schoolAdmin = caller.getAuthorities().stream().anyMatch(role -> role.getAuthority().equals("ROLE_SCHOOL_ADMIN"));
			if (!family && !schoolAdmin) {
				throw new AccessDeniedException("The access log is for administrators and for a student's own family");
			}
			if (studentId == null) {
				throw new InvalidInputException("studentId", "Name the student whose access log you want to read");
			}
			if (!directory.canSee(viewer, studentId)) {
				throw new NotFoundException("student");
			}
		}
		return log.search(new AccessLog.Filter(studentId, actor, from, until, page));
	}
}
