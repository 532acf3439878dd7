package org.homeroom.accounts.family;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.accounts.TooManyRequestsException;
import org.homeroom.accounts.tokens.ApiTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Family sign-in for the API and mobile apps: ask for a code, then trade it for a bearer token that
 * lasts 30 days. When the contact is shared by different people, the answer is 409 with the
 * guardians to choose from, and the request is repeated with {@code guardianId}.
 */
@RestController
@RequestMapping("/api/v1/auth/family")
class FamilyAuthApiController {

	static final int TOKEN_DAYS = 30;

	private final FamilySignIn signIn;

	private final ApiTokens tokens;

	private final SecurityLog log;

	FamilyAuthApiController(FamilySignIn signIn, ApiTokens tokens, SecurityLog log) {
		this.signIn = signIn;
		this.tokens = tokens;
		this.log = log;
	}

	@PostMapping("/code")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CodeRequested requestCode(@Valid @RequestBody CodeRequest request, HttpServletRequest http) {
		signIn.requestCode(request.contact(), http.getRemoteAddr());
		return new CodeRequested("If this contact is on file, a code is on its way. It expires in "
				+ FamilySignIn.CODE_LIFETIME.toMinutes() + " minutes.");
	}

	@PostMapping("/token")
	ResponseEntity<?> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		FamilySignIn.Outcome outcome = signIn.verify(request.contact(), request.code(), request.guardianId());
		if (outcome.account() == null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"This contact is shared: say which guardian you are by sending guardianId");
			problem.setProperty("choices", outcome.choices()
				.stream()
				.map(guardian -> new Choice(guardian.id(), guardian.givenName() + " " + guardian.familyName()))
				.toList());
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		log.record(SecurityLog.Kind.FAMILY_SIGNED_IN, outcome.account().username(), http.getRemoteAddr(), "api");
		ApiTokens.IssuedToken issued = tokens.issue(outcome.account().username(), "Family sign-in", TOKEN_DAYS);
		return ResponseEntity.ok(new FamilyToken(issued.secret(), issued.token().expiresAt()));
	}

	@ExceptionHandler(OneTimeCodes.InvalidCodeException.class)
	ResponseEntity<ProblemDetail> invalidCode(OneTimeCodes.InvalidCodeException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage()));
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
	}

	record CodeRequest(@NotBlank @Size(max = 200) String contact) {
	}

	record CodeRequested(String detail) {
	}

	record TokenRequest(@NotBlank @Size(max = 200) String contact, @NotBlank @Size(max = 20) String code,
			UUID guardianId) {
	}

	record FamilyToken(String token, Instant expiresAt) {
	}

	record Choice(UUID guardianId, String name) {
	}
}
