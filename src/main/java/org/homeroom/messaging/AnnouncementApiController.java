package org.homeroom.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Announcements over the API. A POST with an {@code Idempotency-Key} may be retried safely: the
 * same key with the same body answers the first announcement again and creates nothing; the same
 * key with another body is a 422.
 */
@RestController
@RequestMapping("/api/v1/announcements")
class AnnouncementApiController {

	private final Announcements announcements;

	private final DeliveryReports reports;

	AnnouncementApiController(Announcements announcements, DeliveryReports reports) {
		this.announcements = announcements;
		this.reports = reports;
	}

	@PostMapping
	ResponseEntity<Map<String, UUID>> create(Viewer sender, @Valid @RequestBody AnnouncementRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey) {
		Announcements.Created created = announcements.create(sender, request, idempotencyKey);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", created.announcement().id()));
	}

	@PostMapping("/preview")
	AudiencePreview preview(Viewer sender, @Valid @RequestBody PreviewRequest request) {
		return announcements.preview(sender, request.audience(), request.category(), request.channels());
	}

	@GetMapping("/{id}")
	AnnouncementView announcement(Viewer sender, @PathVariable UUID id) {
		return announcements.announcement(sender, id);
	}

	@PatchMapping("/{id}")
	AnnouncementView change(Viewer sender, @PathVariable UUID id, @Valid @RequestBody AnnouncementChanges changes) {
		return announcements.change(sender, id, changes);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(Viewer sender, @PathVariable UUID id) {
		announcements.cancel(sender, id);
	}

	@GetMapping("/{id}/report")
	DeliveryReport report(Viewer sender, @PathVariable UUID id) {
		return reports.report(sender, id);
	}

	@ExceptionHandler(IdempotencyKeyReusedException.class)
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key", ex.getMessage());
	}

	@ExceptionHandler(AnnouncementChangedException.class)
	ProblemDetail changedMeanwhile(AnnouncementChangedException ex) {
		return problem(HttpStatus.CONFLICT, "version", ex.getMessage());
	}


	private static ProblemDetail problem(HttpStatus status, String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	record PreviewRequest(@NotNull @Valid AudienceCriteria audience, @NotNull Category category,
			@NotEmpty @Size(max = 10) Set<Channel> channels) {
	}
}
