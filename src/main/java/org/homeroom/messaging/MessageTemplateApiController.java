package org.homeroom.messaging;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Saved announcement templates over the API: a school's, and the district's. */
@RestController
@RequestMapping("/api/v1/announcement-templates")
class MessageTemplateApiController {

	private final MessageTemplates templates;

	MessageTemplateApiController(MessageTemplates templates) {
		this.templates = templates;
	}

	@GetMapping
	MessageTemplate.Page list(Viewer sender, @RequestParam(required = false) UUID schoolId,
			@RequestParam(required = false) @Size(max = 200) String q, @RequestParam(defaultValue = "0") int page) {
		return templates.templates(sender, schoolId, q, page);
	}

	@PostMapping
	ResponseEntity<MessageTemplate> create(Viewer sender, @Valid @RequestBody MessageTemplate.Draft draft) {
		return ResponseEntity.status(HttpStatus.CREATED).body(templates.saveTemplate(sender, null, draft));
	}

	@GetMapping("/{id}")
	MessageTemplate template(Viewer sender, @PathVariable UUID id) {
		return templates.template(sender, id);
	}

	/** What is absent stays as it was; the school a template belongs to does not change. */
	@PatchMapping("/{id}")
	MessageTemplate change(Viewer sender, @PathVariable UUID id, @Valid @RequestBody Changes changes) {
		MessageTemplate current = templates.template(sender, id);
		return templates.saveTemplate(sender, id, new MessageTemplate.Draft(current.schoolId(),
				changes.name() == null ? current.name() : changes.name(),
				changes.category() == null ? current.category() : changes.category(),
				changes.subject() == null ? current.subject() : changes.subject(),
				changes.body() == null ? current.body() : changes.body()));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Viewer sender, @PathVariable UUID id) {
		templates.deleteTemplate(sender, id);
	}


	record Changes(@Size(min = 1, max = 120) String name, Category category, @Size(min = 1, max = 200) String subject,
			@Size(min = 1, max = 20_000) String body) {
	}
}
