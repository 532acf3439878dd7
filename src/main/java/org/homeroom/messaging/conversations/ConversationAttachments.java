package org.homeroom.messaging.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.messaging.attachments.Attachment;
import org.homeroom.messaging.attachments.AttachmentId;
import org.homeroom.messaging.attachments.Attachments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Which files a conversation message carries ({@code messaging.conversation_attachment}). The
 * files themselves are the attachments' to check and keep; who may open one is the thread's
 * policy, decided by the caller before it asks here.
 */
@Component
class ConversationAttachments {

	private final JdbcClient jdbc;

	private final Attachments attachments;

	ConversationAttachments(JdbcClient jdbc, Attachments attachments) {
		this.jdbc = jdbc;
		this.attachments = attachments;
	}

	/**
	 * Stores the message's files and links them to it, in the caller's transaction: all of them
	 * or, when one is refused ({@link org.homeroom.messaging.attachments.AttachmentsRefusedException}),
	 * none, and the message with them.
	 */
	List<Attachment> attach(UUID messageId, List<MultipartFile> files) {
		List<Attachment> stored = attachments.storeFiles(files);
		for (int position = 0; position < stored.size(); position++) {
			jdbc.sql("insert into messaging.conversation_attachment (message_id, attachment_id, position) values (?, ?, ?)")
				.params(messageId, stored.get(position).id().value(), position).update();
		}
		return stored;
	}

	/** The attachments of these messages, in the order they were sent, by message. */
	Map<UUID, List<Attachment>> of(Collection<UUID> messageIds) {
		if (messageIds.isEmpty()) {
			return Map.of();
		}
		List<Map.Entry<UUID, AttachmentId>> links = jdbc.sql("""
				select message_id, attachment_id from messaging.conversation_attachment
				where message_id in (:messages) order by message_id, position""")
			.param("messages", messageIds)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), new AttachmentId(rs.getObject(2, UUID.class))))
			.list();
		Map<AttachmentId, Attachment> found = attachments.find(links.stream().map(Map.Entry::getValue).toList()).stream()
			.collect(Collectors.toMap(Attachment::id, Function.identity()));
		Map<UUID, List<Attachment>> byMessage = new LinkedHashMap<>();
		for (Map.Entry<UUID, AttachmentId> link : links) {
			Attachment attachment = found.get(link.getValue());
			if (attachment != null) {
				byMessage.computeIfAbsent(link.getKey(), message -> new java.util.ArrayList<>()).add(attachment);
			}
		}
		return byMessage;
	}

	/** Whether the attachment belongs to a message of this thread. */
	boolean inThread(UUID conversationId, UUID attachmentId) {
		return jdbc.sql("""
				select exists (select 1 from messaging.conversation_attachment a
				               join messaging.conversation_message m on m.id = a.message_id
				               where a.attachment_id = ? and m.conversation_id = ?)""")
			.params(attachmentId, conversationId).query(Boolean.class).single();
	}

	/** Up to {@code limit} attachments of threads whose last activity is before {@code before}: what retention deletes. */
	List<AttachmentId> ofThreadsIdleSince(Instant before, int limit) {
		return jdbc.sql("""
				select a.attachment_id from messaging.conversation_attachment a
				join messaging.conversation_message m on m.id = a.message_id
				join messaging.conversation c on c.id = m.conversation_id
				where c.last_activity_at < ? limit ?""")
			.params(Timestamp.from(before), limit).query((rs, row) -> new AttachmentId(rs.getObject(1, UUID.class))).list();
	}

	/** Deletes attachments (and, by cascade, their links); answers how many went. */
	int delete(Collection<AttachmentId> ids) {
		return attachments.delete(ids);
	}
}
