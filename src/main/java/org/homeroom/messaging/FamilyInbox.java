package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A family's side: the inbox of in-app messages (what the family reads is logged as a read of the
 * children the messages name) and the family's choice of which optional messages to get, and how.
 */
@Service
class FamilyInbox {

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Clock clock;

	FamilyInbox(JdbcClient jdbc, Directory directory, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * A family's inbox: in-app announcements delivered to the guardian records its account acts for.
	 * The messages name the family's children, so reading them is logged as a read of those records.
	 */
	@Transactional
	List<InboxMessage> inbox(String reader, Collection<UUID> guardianIds, int limit) {
		return newest(reader, guardianIds, limit).messages();
	}

	/**
	 * The inbox and its unread count together, as the API answers them: one statement and one
	 * transaction, since every family opens it within minutes of a district announcement.
	 */
	@Transactional
	Inbox newest(String reader, Collection<UUID> guardianIds, int limit) {
		if (guardianIds.isEmpty()) {
			return new Inbox(0, List.of());
		}
		// The unread count is an uncorrelated subquery, run once; the children each message is
		// about (for the access log) come from its recipients, in the same round trip.
		List<ShownRow> rows = jdbc.sql("""
				select d.id, a.category, d.child_names, d.guardian_name, d.school_names, d.sent_at,
				""" + InboxMessage.IN_FAMILY_LANGUAGE + """
				       , d.read_at is not null as read,
				       (select count(*) from messaging.delivery u where u.guardian_id in (:guardians) and u.channel = 'IN_APP'
				        and u.status = 'SENT' and u.read_at is null) as unread,
				       array(select distinct r.student_id from messaging.recipient r where r.announcement_id = d.announcement_id
				             and r.guardian_id = d.guardian_id and r.excluded is null) as students
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id
				""" + InboxMessage.FROM_TRANSLATION + """
				where d.guardian_id in (:guardians) and d.channel = 'IN_APP' and d.status = 'SENT'
				order by d.sent_at desc limit :limit""")
			.param("guardians", guardianIds)
			.param("limit", limit)
			.query((rs, row) -> new ShownRow(new InboxRow(rs.getObject("id", UUID.class), rs.getString("subject"),
					rs.getString("body"), Category.valueOf(rs.getString("category")), rs.getString("child_names"),
					rs.getString("guardian_name"), rs.getString("school_names"), rs.getTimestamp("sent_at").toInstant(),
					rs.getBoolean("read"), rs.getString("language"), rs.getString("translation"), rs.getString("original_subject"),
					rs.getString("original_body")), rs.getLong("unread"), List.of((UUID[]) rs.getArray("students").getArray())))
			.list();
		if (rows.isEmpty()) {
			return new Inbox(0, List.of());
		}
		List<UUID> students = rows.stream().flatMap(row -> row.students().stream()).distinct().toList();
		directory.recordAccess(reader, students, "inbox", "inbox", null);
		return new Inbox(rows.get(0).unread(), rows.stream().map(row -> row.message().forFamily()).toList());
	}

	/** A family's newest messages, and how many of all its messages are unread. */
	record Inbox(long unread, List<InboxMessage> messages) {
	}

	private record ShownRow(InboxRow message, long unread, List<UUID> students) {
	}

	/** One message of a family's inbox, if it is theirs. */
	@Transactional
	Optional<InboxMessage> inboxMessage(String reader, Collection<UUID> guardianIds, UUID deliveryId) {
		if (guardianIds.isEmpty()) {
			return Optional.empty();
		}
		Optional<InboxMessage> message = jdbc.sql("""
				select d.id, a.category, d.child_names, d.guardian_name, d.school_names, d.sent_at, d.read_at is not null as read,
				""" + InboxMessage.IN_FAMILY_LANGUAGE + """
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id
				""" + InboxMessage.FROM_TRANSLATION + """
				where d.id = :id and d.guardian_id in (:guardians) and d.channel = 'IN_APP' and d.status = 'SENT'""")
			.param("id", deliveryId)
			.param("guardians", guardianIds)
			.query(InboxRow.class).optional().map(InboxRow::forFamily);
		message.ifPresent(shown -> recordInboxRead(reader, guardianIds, List.of(shown), "inbox.message"));
		return message;
	}

	/** A delivered in-app message as stored: the announcement's text and this family's names for its placeholders. */
	private record InboxRow(UUID id, String subject, String body, Category category, String childNames, String guardianName,
			String schoolNames, Instant sentAt, boolean read, String language, String translation, String originalSubject,
			String originalBody) {

		InboxMessage forFamily() {
			return InboxMessage.forFamily(id, subject, body, category, childNames, guardianName, schoolNames, sentAt, read,
					language, translation, originalSubject, originalBody);
		}
	}

	/** Logs the children the shown messages name: those they were sent about, from the recipients. */
	private void recordInboxRead(String reader, Collection<UUID> guardianIds, List<InboxMessage> shown, String what) {
		if (shown.isEmpty()) {
			return;
		}
		List<UUID> students = jdbc.sql("""
				select distinct r.student_id from messaging.delivery d
				join messaging.recipient r on r.announcement_id = d.announcement_id and r.guardian_id = d.guardian_id
				where d.id in (:deliveries) and d.guardian_id in (:guardians) and r.excluded is null""")
			.param("deliveries", shown.stream().map(InboxMessage::id).toList())
			.param("guardians", guardianIds)
			.query(UUID.class).list();
		directory.recordAccess(reader, students, what, "inbox", null);
	}

	@Transactional(readOnly = true)
	long unread(Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				select count(*) from messaging.delivery where guardian_id in (:guardians) and channel = 'IN_APP'
				and status = 'SENT' and read_at is null""")
			.param("guardians", guardianIds).query(Long.class).single();
	}

	/** Marks a message read; one that is not in this family's inbox answers 404. */
	@Transactional
	void markRead(Collection<UUID> guardianIds, UUID deliveryId) {
		int changed = guardianIds.isEmpty() ? 0 : jdbc.sql("""
				update messaging.delivery set read_at = coalesce(read_at, :now)
				where id = :id and guardian_id in (:guardians) and channel = 'IN_APP' and status = 'SENT'""")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", deliveryId)
			.param("guardians", guardianIds)
			.update();
		if (changed == 0) {
			throw new NotFoundException("message");
		}
	}

	/** The optional messages a family declined, as {@code CATEGORY.CHANNEL}. */
	@Transactional(readOnly = true)
	Set<String> declined(Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select distinct category || '.' || channel from messaging.opt_out where guardian_id in (:guardians)")
			.param("guardians", guardianIds).query(String.class).list());
	}

	/**
	 * A family's choice: it gets the optional categories on the channels named, and declines the
	 * rest, on the channels {@code offered}: a channel not offered (SMS where the district has none)
	 * keeps whatever was chosen before. Urgent and attendance messages are not a choice, and are not listed.
	 */
	@Transactional
	void choose(Collection<UUID> guardianIds, Collection<String> wanted, Collection<Channel> offered) {
		Instant now = clock.instant();
		for (UUID guardian : guardianIds) {
			for (Category category : Category.values()) {
				if (!category.optional()) {
					continue;
				}
				for (Channel channel : offered) {
					if (wanted.contains(category + "." + channel)) {
						jdbc.sql("delete from messaging.opt_out where guardian_id = ? and category = ? and channel = ?")
							.params(guardian, category.name(), channel.name()).update();
					}
					else {
						jdbc.sql("""
								insert into messaging.opt_out (guardian_id, category, channel, chosen_at) values (?, ?, ?, ?)
								on conflict do nothing""")
							.params(guardian, category.name(), channel.name(), Timestamp.from(now)).update();
					}
				}
			}
		}
	}
}
