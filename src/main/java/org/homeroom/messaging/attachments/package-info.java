/**
 * Files families and staff attach to conversation messages: PDF, JPEG, PNG and HEIC only, known by
 * their content rather than their name, at most {@link org.homeroom.messaging.attachments.AttachmentRules#MAX_FILES}
 * to a message and {@link org.homeroom.messaging.attachments.AttachmentRules#MAX_FILE_BYTES} each.
 * Their content lives in PostgreSQL, or in a directory when
 * {@code homeroom.messaging.attachments.directory} is set; what they are (name, type, size, SHA-256)
 * is always in {@code messaging.attachment}.
 * <p>{@link org.homeroom.messaging.attachments.Attachments} is the entry point. It serves no request
 * of its own: whoever may see the message an attachment belongs to is the caller's decision, taken
 * before it asks for the content.
 */
package org.homeroom.messaging.attachments;
