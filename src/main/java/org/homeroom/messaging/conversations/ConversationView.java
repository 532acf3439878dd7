package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A thread as its reader may see it. {@code staffName} is null for a thread addressed to the
 * school's office; {@code guardians} carry names only, never contact details, so that a shared
 * thread shows no household how to reach the other. {@code side} is the reader's own side (STAFF
 * or GUARDIAN), or OVERSIGHT for a district administrator reading a thread they are not part of.
 */
public record ConversationView(UUID id, UUID studentId, String studentName, String addressedTo, UUID staffId,
		String staffName, boolean shared, String status, List<String> guardians, Instant createdAt,
		Instant lastActivityAt, boolean unanswered, String side, boolean mayPost, List<MessageView> messages) {

	/**
	 * One message. {@code authorRole} is the role as shown ("Grade 3 teacher"), in the reader's
	 * language; {@code deliveredAt} is when it was stored and its recipients notified,
	 * {@code readAt} when the other side first opened it; {@code corrects} the id of the message
	 * this one corrects; {@code attachments} the files it carries, in the order sent.
	 * <p>A message from the other side comes in the reader's language (issue 18):
	 * {@code translatedBody} is its text in that language, {@code translationKind} how it was made
	 * ({@code MACHINE}, or {@code UNTRANSLATED} when no engine could: the body is then the original),
	 * and {@code translatedFrom} the language it was written in. All three are null when the message
	 * is the reader's own, is in their language already, or its translation is still pending.
	 */
	public record MessageView(UUID id, String authorSide, String authorName, String authorRole, String body,
			Instant createdAt, Instant deliveredAt, Instant readAt, UUID corrects, boolean mine,
			List<AttachmentView> attachments, String translatedBody, String translationKind, String translatedFrom) {

		MessageView withTranslation(String translated, String kind, String from) {
			return new MessageView(id, authorSide, authorName, authorRole, body, createdAt, deliveredAt, readAt, corrects,
					mine, attachments, translated, kind, from);
		}

		/** The language the message was written in, named in the reader's language ("Vietnamese"). */
		public String translatedFromName(Locale reader) {
			if (translatedFrom == null) {
				return null;
			}
			String name = Locale.forLanguageTag(translatedFrom).getDisplayLanguage(reader);
			return name.isEmpty() ? translatedFrom : name;
		}
	}

	/** The same thread with its messages replaced (by their translations for the reader). */
	ConversationView withMessages(List<MessageView> replaced) {
		return new ConversationView(id, studentId, studentName, addressedTo, staffId, staffName, shared, status, guardians,
				createdAt, lastActivityAt, unanswered, side, mayPost, replaced);
	}

	/** A file a message carries: its safe name, the type its content showed, and its size in bytes. */
	public record AttachmentView(UUID id, String fileName, String contentType, long size) {
	}
}
