package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.attachments.AttachmentRules;
import org.homeroom.platform.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Conversations over the API, for staff ({@code /api/v1/conversations}) and families
 * ({@code /api/v1/me/conversations}). A thread the caller may not see answers 404; a message to a
 * family that may no longer be contacted, or to a closed thread, answers 409 and stores nothing.
 */
@RestController
@RequestMapping("/api/v1")
@Validated
class ConversationApiController {

	static final String PURPOSE = "api";

	static final int PAGE_SIZE = 25;

	private final Conversations conversations;

	private final ConversationReads reads;

	private final ConversationTranslations translations;

	ConversationApiController(Conversations conversations, ConversationReads reads,
			ConversationTranslations translations) {
		this.translations = translations;
		this.conversations = conversations;
		this.reads = reads;
	}

	@PostMapping("/conversations")
	ResponseEntity<Map<String, UUID>> start(Viewer viewer, @Valid @RequestBody StartRequest request) {
		UUID id = conversations.start(viewer, request.studentId(), request.guardianId(), request.body(),
				Boolean.TRUE.equals(request.shared()));
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
	}

	@GetMapping("/conversations")
	ConversationSummary.Page list(Viewer viewer, @RequestParam(required = false) UUID studentId,
			@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "false") boolean unanswered,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page) {
		return reads.list(viewer.requireStaffFor("conversation"), PURPOSE, studentId, q, unanswered, page, PAGE_SIZE);
	}

	@GetMapping("/conversations/{id}")
	ConversationView thread(Viewer viewer, @PathVariable UUID id) {
		// The other side's messages carry translatedBody/translationKind/translatedFrom in the caller's language.
		return translations.forReader(reads.thread(viewer, PURPOSE, id), viewer);
	}

	@PostMapping("/conversations/{id}/messages")
	ResponseEntity<Map<String, UUID>> post(Viewer viewer, @PathVariable UUID id, @Valid @RequestBody PostRequest request) {
		UUID message = request.corrects() == null ? conversations.post(viewer, id, request.body())
				: conversations.correct(viewer, id, request.corrects(), request.body());
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", message));
	}

	/**
	 * The same as a multipart form, for a message with files: the fields {@code body} and
	 * {@code corrects}, and up to 3 parts named {@code attachments}.
	 */
	@PostMapping(path = "/conversations/{id}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, UUID>> postWithFiles(Viewer viewer, @PathVariable UUID id,
			@RequestParam(required = false) @Size(max = Conversations.MAX_BODY) String body,
			@RequestParam(required = false) UUID corrects,
			@RequestParam(name = "attachments", required = false)
			@Parameter(array = @ArraySchema(maxItems = AttachmentRules.MAX_FILES)) List<MultipartFile> attachments) {
		UUID message = conversations.post(viewer, id, body, corrects, attachments);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", message));
	}

	@PostMapping("/conversations/{id}/messages/{messageId}/report")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void report(Viewer viewer, @PathVariable UUID id, @PathVariable UUID messageId,
			@Valid @RequestBody(required = false) ReportRequest request) {
		conversations.report(viewer, id, messageId, request == null ? null : request.reason());
	}

	@GetMapping("/conversation-reports")
	List<AbuseReport> reports(Viewer viewer) {
		return reads.reports(viewer, PURPOSE);
	}

	@GetMapping("/me/conversations")
	ConversationSummary.Page mine(Viewer viewer, @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page) {
		if (viewer.staff()) {
			return new ConversationSummary.Page(List.of(), page, PAGE_SIZE, 0);
		}
		return reads.list(viewer, PURPOSE, null, null, false, page, PAGE_SIZE);
	}

	@PostMapping("/me/conversations")
	ResponseEntity<Map<String, UUID>> startFromFamily(Viewer viewer, @Valid @RequestBody FamilyStartRequest request) {
		UUID id = conversations.startFromFamily(viewer, request.studentId(), request.to(), request.staffId(), request.body());
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
	}

	@ExceptionHandler({ FamilyUnreachableException.class, ConversationClosedException.class })
	ProblemDetail conflict(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", "body", "message", ex.getMessage())));
		return problem;
	}

	/** Staff start a thread with one guardian; {@code shared} puts every guardian who may be contacted in it. */
	record StartRequest(@NotNull UUID studentId, @NotNull UUID guardianId,
			@NotBlank @Size(max = Conversations.MAX_BODY) String body, Boolean shared) {
	}

	/** A message; {@code corrects} (staff only) names one of the author's own messages it corrects. */
	record PostRequest(@NotBlank @Size(max = Conversations.MAX_BODY) String body, UUID corrects) {
	}

	record ReportRequest(@Size(max = 1000) String reason) {
	}

	record FamilyStartRequest(@NotNull UUID studentId, @NotNull Recipient to, UUID staffId,
			@NotBlank @Size(max = Conversations.MAX_BODY) String body) {
	}
}
