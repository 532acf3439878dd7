package org.homeroom.accounts.tokens;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens over the API: issue one (with a password, where allowed), list and revoke your own. */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenApiController {

	private final ApiTokens tokens;

	TokenApiController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedToken create(Principal principal, @Valid @RequestBody TokenRequest request) {
		ApiTokens.IssuedToken issued = tokens.issue(principal.getName(), request.name(), request.expiresInDays());
		return new CreatedToken(issued.token().id(), issued.token().name(), issued.secret(),
				issued.token().expiresAt());
	}

	@GetMapping
	List<TokenView> list(Principal principal) {
		return tokens.list(principal.getName());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(Principal principal, @PathVariable UUID id) {
		tokens.revoke(principal.getName(), id);
	}

	record TokenRequest(@NotBlank @Size(max = 100) String name,
			@Min(1) @Max(ApiTokens.MAXIMUM_VALIDITY_DAYS) Integer expiresInDays) {
	}

	record CreatedToken(UUID id, String name, String token, Instant expiresAt) {
	}
}
