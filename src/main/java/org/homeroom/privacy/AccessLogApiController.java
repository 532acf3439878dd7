package org.homeroom.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The access log over the API, for the readers {@link AccessLogReaders} names, families included. */
@RestController
class AccessLogApiController {

	private final AccessLog log;

	private final AccessLogReaders readers;

	AccessLogApiController(AccessLog log, AccessLogReaders readers) {
		this.log = log;
		this.readers = readers;
	}

	@GetMapping("/api/v1/access-log")
	AccessLog.Page search(Authentication caller, @RequestParam(required = false) UUID studentId,
			@RequestParam(required = false) @Size(max = 320) String actor, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant until, @RequestParam(defaultValue = "0") int page) {
		readers.requireMayRead(readers.readerOf(caller, true), studentId);
		return log.search(new AccessLog.Filter(studentId, actor, from, until, page));
	}
}
