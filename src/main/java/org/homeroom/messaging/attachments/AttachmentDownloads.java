package org.homeroom.messaging.attachments;

import java.nio.charset.StandardCharsets;

import org.homeroom.platform.NotFoundException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer that hands an attachment to a browser or an API client. It is not an endpoint: a
 * controller returns it after its own policy has decided that the caller may see the message the
 * attachment belongs to.
 */
@Component
public class AttachmentDownloads {

	/** Nothing in an attachment may run, even if a browser were to take it for a page. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

	private final Attachments attachments;

	AttachmentDownloads(Attachments attachments) {
		this.attachments = attachments;
	}

	/**
	 * The attachment with the type its content showed, offered under its safe name: shown in the
	 * page for JPEG and PNG, downloaded otherwise. An id that is not stored answers 404.
	 */
	public ResponseEntity<Resource> download(AttachmentId id) {
		OpenAttachment open = attachments.open(id).orElseThrow(() -> new NotFoundException("attachment"));
		Attachment attachment = open.attachment();
		ContentDisposition disposition = (attachment.type().shownInline() ? ContentDisposition.inline()
				: ContentDisposition.attachment())
			.filename(AttachmentFileNames.forDownload(attachment), StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.contentType()))
			.contentLength(attachment.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.cacheControl(CacheControl.noStore().cachePrivate())
			.body(new InputStreamResource(open.content()));
	}
}
