package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * OneRoster imports over the API, for district administrators. An upload answers at once with
 * the import's id; {@code GET /api/v1/imports/{id}} follows it from RUNNING to its outcome.
 * <p>
 * Each issue answers with its message key ({@code code}) and {@code arguments} for programs to
 * act on, and its {@code message} in English whatever the caller's language: programs and logs
 * read English, and the page, not the API, is where a person reads it in their own.
 */
@RestController
@RequestMapping("/api/v1/imports")
class RosterImportApiController {

	private final RosterImports imports;

	RosterImportApiController(RosterImports imports) {
		this.imports = imports;
	}

	@PostMapping("/oneroster")
	ResponseEntity<Map<String, UUID>> start(Authentication caller, @RequestPart(required = false) MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(defaultValue = "false") boolean force) {
		RosterImports.requireDistrictAdmin(caller);
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "A OneRoster zip is required");
		}
		try {
			UUID id = imports.start(caller, file.getInputStream(), file.getOriginalFilename(), dryRun, force);
			return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + id)).body(Map.of("id", id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@GetMapping("/{id}")
	RosterImportView find(Authentication caller, @PathVariable UUID id) {
		return imports.find(caller, id).orElseThrow(() -> new NotFoundException("import"));
	}

	@GetMapping
	RosterImportView.Page history(Authentication caller, @RequestParam(defaultValue = "0") int page) {
		return imports.history(caller, page);
	}
}
