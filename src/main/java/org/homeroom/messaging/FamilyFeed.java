package org.homeroom.messaging;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A family's home feed: the urgent messages it has not read yet, pinned first until they are read,
 * then everything else delivered to it in the app, newest first, a page at a time, for all its
 * children or about one of them. What a family reads here is logged as a read of the children the
 * messages name, as the inbox logs it.
 */
@Service
public class FamilyFeed {

	public static final int PAGE_SIZE = 10;

	/** Enough to never hide an urgent message in practice, few enough that the page stays small. */
	static final int PINNED_AT_MOST = 20;

	private final JdbcClient jdbc;

	private final Directory directory;

	FamilyFeed(JdbcClient jdbc, Directory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/**
	 * @param pinned unread urgent messages, newest first (only on the first page)
	 * @param messages the page of the rest, newest first
	 * @param total how many the rest holds in all
	 */
	public record Page(List<InboxMessage> pinned, List<InboxMessage> messages, int page, long total) {
	}

	/**
	 * @param studentId only the messages about this child, or null for all; a child the family is
	 *        not linked to simply has no messages here
	 */
	@Transactional
	public Page feed(String reader, Collection<UUID> guardianIds, UUID studentId, int page) {
		if (guardianIds.isEmpty()) {
			return new Page(List.of(), List.of(), page, 0);
		}
		String about = """
				 and (cast(:student as uuid) is null or exists (select 1 from messaging.recipient r
				      where r.announcement_id = d.announcement_id and r.guardian_id = d.guardian_id
				        and r.student_id = :student and r.excluded is null))""";
		String delivered = """
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id
				""" + InboxMessage.FROM_TRANSLATION + """
				where d.guardian_id in (:guardians) and d.channel = 'IN_APP' and d.status = 'SENT'""" + about;
		String urgentUnread = "a.category = 'URGENT' and d.read_at is null";
		List<InboxMessage> pinned = page > 0 ? List.of() : jdbc.sql("""
				select d.id, a.category, d.child_names, d.guardian_name, d.school_names, d.sent_at, false as read,
				""" + InboxMessage.IN_FAMILY_LANGUAGE + """
				""" + delivered + " and " + urgentUnread + " order by d.sent_at desc, d.id limit :limit")
			.param("guardians", guardianIds).param("student", studentId).param("limit", PINNED_AT_MOST)
			.query(FeedRow.class).stream().map(FeedRow::forFamily).toList();
		long total = jdbc.sql("select count(*) " + delivered + " and not (" + urgentUnread + ")")
			.param("guardians", guardianIds).param("student", studentId).query(Long.class).single();
		List<InboxMessage> messages = jdbc.sql("""
				select d.id, a.category, d.child_names, d.guardian_name, d.school_names, d.sent_at,
				""" + InboxMessage.IN_FAMILY_LANGUAGE + """
				       , d.read_at is not null as read
				""" + delivered + " and not (" + urgentUnread + ") order by d.sent_at desc, d.id limit :limit offset :offset")
			.param("guardians", guardianIds).param("student", studentId)
			.param("limit", PAGE_SIZE).param("offset", (long) Math.max(page, 0) * PAGE_SIZE)
			.query(FeedRow.class).stream().map(FeedRow::forFamily).toList();
		recordRead(reader, guardianIds, pinned, messages);
		return new Page(pinned, messages, page, total);
	}

	/** A delivered message as stored, with this family's names for its placeholders filled in. */
	private record FeedRow(UUID id, String subject, String body, Category category, String childNames,
			String guardianName, String schoolNames, Instant sentAt, boolean read, String language, String translation, String originalSubject,
			String originalBody) {

		InboxMessage forFamily() {
			return InboxMessage.forFamily(id, subject, body, category, childNames, guardianName, schoolNames, sentAt, read,
					language, translation, originalSubject, originalBody);
		}
	}

	/** Logs, once each, the children the shown messages were sent about. */
	private void recordRead(String reader, Collection<UUID> guardianIds, List<InboxMessage> pinned,
			List<InboxMessage> messages) {
		List<UUID> shown = java.util.stream.Stream.concat(pinned.stream(), messages.stream()).map(InboxMessage::id).toList();
		if (shown.isEmpty()) {
			return;
		}
		List<UUID> students = jdbc.sql("""
				select distinct r.student_id from messaging.delivery d
				join messaging.recipient r on r.announcement_id = d.announcement_id and r.guardian_id = d.guardian_id
				where d.id in (:deliveries) and d.guardian_id in (:guardians) and r.excluded is null""")
			.param("deliveries", shown).param("guardians", guardianIds).query(UUID.class).list();
		directory.recordAccess(reader, students, "home.feed", "home", null);
	}
}
