package org.homeroom.messaging;

import java.util.UUID;

import org.homeroom.directory.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A family's inbox over the API, for the web page's live updates and for mobile apps. */
@RestController
@RequestMapping("/api/v1/me/inbox")
class InboxApiController {

	static final int NEWEST = 100;

	private final FamilyInbox inbox;

	InboxApiController(FamilyInbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping
	FamilyInbox.Inbox inbox(Viewer viewer) {
		return inbox.newest(viewer.name(), viewer.guardianIds(), NEWEST);
	}

	@PostMapping("/{id}/read")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void read(Viewer viewer, @PathVariable UUID id) {
		inbox.markRead(viewer.guardianIds(), id);
	}
}
