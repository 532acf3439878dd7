package org.homeroom.messaging.conversations;

import java.util.UUID;

import org.homeroom.directory.Viewer;
import org.homeroom.messaging.attachments.AttachmentDownloads;
import org.homeroom.platform.NotFoundException;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The files of conversation messages, for staff and for families. A file is served only to someone
 * who stands in its thread (the thread's policy, as for reading it) and only when it belongs to a
 * message of that thread; anything else is 404, as if it did not exist. Each download is a read of
 * the thread and goes in the access log ({@link ConversationReads#attachment}).
 */
@Controller
class ConversationAttachmentController {

	private final ConversationReads reads;

	private final AttachmentDownloads downloads;

	ConversationAttachmentController(ConversationReads reads, AttachmentDownloads downloads) {
		this.reads = reads;
		this.downloads = downloads;
	}

	@GetMapping(ConversationPageController.PATH + "/{id}/attachments/{attachmentId}")
	ResponseEntity<Resource> forStaff(Viewer viewer, @PathVariable UUID id, @PathVariable UUID attachmentId) {
		if (!viewer.staff()) {
			throw new NotFoundException("attachment");
		}
		return downloads.download(reads.attachment(viewer, ConversationPageController.PURPOSE, id, attachmentId));
	}

	@GetMapping(FamilyConversationPageController.PATH + "/{id}/attachments/{attachmentId}")
	ResponseEntity<Resource> forFamily(Viewer viewer, @PathVariable UUID id, @PathVariable UUID attachmentId) {
		if (viewer.staff()) {
			throw new NotFoundException("attachment");
		}
		return downloads.download(reads.attachment(viewer, ConversationPageController.PURPOSE, id, attachmentId));
	}
}
