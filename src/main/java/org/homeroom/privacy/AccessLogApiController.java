package org.homeroom.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;
import org.homeroom.directory.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The access log over the API, for the readers {@link AccessLogReaders} names, families included. */
@RestController
class AccessLogApiController {

	private final AccessLog log;

	private final AccessLogReaders readers;

	private final AccessLogLines lines;

	AccessLogApiController(AccessLog log, AccessLogReaders readers, AccessLogLines lines) {
		this.log = log;
		this.readers = readers;
		this.lines = lines;
	}

	@GetMapping("/api/v1/access-log")
	Page search(Viewer viewer, @RequestParam(required = false) UUID studentId,
			@RequestParam(required = false) @Size(max = 320) String actor, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant until, @RequestParam(defaultValue = "0") int page) {
		readers.requireMayRead(readers.readerOf(viewer, true), studentId);
		AccessLog.Page found = log.search(new AccessLog.Filter(studentId, actor, from, until, page));
		return new Page(lines.named(found.entries()), found.page(), found.size(), found.total());
	}

	/** A page of the log, each reader named as the log page names them. */
	record Page(List<AccessLogLines.NamedEntry> entries, int page, int size, long total) {
	}
}
