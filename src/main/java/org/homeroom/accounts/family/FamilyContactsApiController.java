package org.homeroom.accounts.family;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.homeroom.accounts.TooManyRequestsException;
import org.homeroom.directory.DirectoryCommands;
import org.homeroom.directory.FamilyContact;
import org.homeroom.directory.Viewer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A family's own contacts, for the mobile app: list, add (a code goes to the new contact), verify
 * with that code, remove. Family bearer tokens only; staff correct contacts through
 * {@code PATCH /api/v1/guardians/{id}}. To change a contact, add the new one, verify it, and remove
 * the old one (with {@code replacedBy} when it is the one the account signs in with).
 */
@RestController
@RequestMapping("/api/v1/me/contacts")
class FamilyContactsApiController {

	private final FamilyContacts contacts;

	FamilyContactsApiController(FamilyContacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping
	List<FamilyContact> list(Viewer viewer) {
		return contacts.list(viewer);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	PendingContact add(Viewer viewer, @Valid @RequestBody NewContact contact, HttpServletRequest http) {
		FamilyContacts.Added added = contacts.add(viewer, contact.kind(), contact.value(), http.getRemoteAddr());
		return new PendingContact(added.contact(), added.delivery());
	}

	@PostMapping("/{id}/code")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, OneTimeCodes.Delivery> resend(Viewer viewer, @PathVariable UUID id, HttpServletRequest http) {
		return Map.of("codeDelivery", contacts.resend(viewer, id, http.getRemoteAddr()));
	}

	@PostMapping("/{id}/verify")
	FamilyContact verify(Viewer viewer, @PathVariable UUID id, @Valid @RequestBody Verification verification) {
		return contacts.verify(viewer, id, verification.code());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(Viewer viewer, @PathVariable UUID id, @RequestParam(required = false) UUID replacedBy) {
		contacts.remove(viewer, id, replacedBy);
	}

	/** A wrong or expired code is bad input in the {@code code} field, like any other. */
	@ExceptionHandler(OneTimeCodes.InvalidCodeException.class)
	ProblemDetail invalidCode(OneTimeCodes.InvalidCodeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", "code", "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
	}

	record NewContact(@NotNull DirectoryCommands.ContactKind kind, @NotBlank @Size(max = 200) String value) {
	}

	record Verification(@NotBlank @Size(max = 20) String code) {
	}

	/**
	 * @param codeDelivery {@code SENT} by e-mail, or by SMS where it is configured; {@code DEMO_OUTBOX} for a
	 *     phone in demo mode without SMS (it is in the development outbox); {@code NOT_SENT} for a phone
	 *     where SMS is not configured
	 */
	record PendingContact(FamilyContact contact, OneTimeCodes.Delivery codeDelivery) {
	}
}
