package org.homeroom.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Viewer;
import org.homeroom.tasks.NewTask;
import org.homeroom.tasks.Tasks;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What became of an announcement: deliveries by channel, language and status, who was left out or
 * stopped and why, what failed and why, and the families nobody reached, who can become call tasks.
 */
@Service
class DeliveryReports {

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Announcements announcements;

	private final Tasks tasks;

	private final MessageSource messages;

	private final DistrictClock districtClock;

	DeliveryReports(JdbcClient jdbc, Directory directory, Announcements announcements, Tasks tasks, MessageSource messages,
			DistrictClock districtClock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.announcements = announcements;
		this.tasks = tasks;
		this.messages = messages;
		this.districtClock = districtClock;
	}

	/**
	 * The delivery report. It names the guardians and children nobody reached, so reading it is a
	 * disclosure of those children's records, and is logged as one.
	 */
	@Transactional
	DeliveryReport report(Viewer sender, UUID id) {
		AnnouncementView announcement = announcements.announcement(sender, id);
		Map<String, Map<String, Long>> byChannel = new TreeMap<>();
		Map<String, Map<String, Long>> byLanguage = new TreeMap<>();
		jdbc.sql("""
				select channel, language, status, count(*) as deliveries, count(read_at) as opened
				from messaging.delivery where announcement_id = ? group by channel, language, status""")
			.param(id)
			.query((rs, row) -> {
				String channel = rs.getString(1);
				String status = rs.getString(3);
				long count = rs.getLong(4);
				byChannel.computeIfAbsent(channel, key -> zeroCounts(channel)).merge(status, count, Long::sum);
				byLanguage.computeIfAbsent(rs.getString(2), key -> new TreeMap<>()).merge(status, count, Long::sum);
				if (channel.equals(Channel.IN_APP.name())) {
					byChannel.get(channel).merge("OPENED", rs.getLong(5), Long::sum);
				}
				return null;
			}).list();
		Map<String, Long> excluded = new TreeMap<>();
		jdbc.sql("""
				select excluded, count(distinct guardian_id) from messaging.recipient
				where announcement_id = ? and excluded is not null group by excluded""")
			.param(id)
			.query((rs, row) -> excluded.put(rs.getString(1), rs.getLong(2))).list();
		Map<String, Long> skipped = new TreeMap<>();
		jdbc.sql("""
				select skipped_reason, count(*) from messaging.delivery
				where announcement_id = ? and status = 'SKIPPED' group by skipped_reason""")
			.param(id)
			.query((rs, row) -> skipped.put(rs.getString(1), rs.getLong(2))).list();
		long resent = jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and resent_after_crash")
			.param(id).query(Long.class).single();
		long fellBack = jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and fallback")
			.param(id).query(Long.class).single();
		List<UnreachedRow> unreached = jdbc.sql("""
				select r.guardian_id, min(r.guardian_name) as guardian_name, string_agg(r.student_name, ', ' order by r.student_name) as children,
				       array_agg(r.student_id) as student_ids,
				       case when bool_and(r.excluded = 'NO_USABLE_CONTACT') then 'NO_USABLE_CONTACT' else 'ALL_CHANNELS_FAILED' end as reason
				from messaging.recipient r
				where r.announcement_id = :id and (r.excluded is null or r.excluded = 'NO_USABLE_CONTACT')
				group by r.guardian_id
				having bool_and(r.excluded = 'NO_USABLE_CONTACT')
				    or (bool_and(r.excluded is null)
				        and exists (select 1 from messaging.delivery d where d.announcement_id = :id and d.guardian_id = r.guardian_id)
				        and not exists (select 1 from messaging.delivery d where d.announcement_id = :id and d.guardian_id = r.guardian_id
				                        and d.status not in ('FAILED', 'UNDELIVERED')))
				order by guardian_name""")
			.param("id", id)
			.query((rs, row) -> new UnreachedRow(new DeliveryReport.Unreached(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3), rs.getString(5)), Arrays.asList((UUID[]) rs.getArray(4).getArray())))
			.list();
		List<DeliveryReport.Failure> failures = jdbc.sql("""
				select id as delivery_id, guardian_id, guardian_name, channel, attempts, coalesce(last_error, '') as reason
				from messaging.delivery where announcement_id = ? and status in ('FAILED', 'UNDELIVERED')
				order by guardian_name, channel limit ?""")
			.params(id, DeliveryReport.FAILURES_LISTED)
			.query(DeliveryReport.Failure.class).list();
		List<UUID> named = new ArrayList<>(unreached.stream().flatMap(row -> row.studentIds().stream()).toList());
		if (!failures.isEmpty()) {
			named.addAll(jdbc.sql("""
					select student_id from messaging.recipient where announcement_id = :id and guardian_id in (:guardians)
					and excluded is null""")
				.param("id", id)
				.param("guardians", failures.stream().map(DeliveryReport.Failure::guardianId).distinct().toList())
				.query(UUID.class).list());
		}
		if (!named.isEmpty()) {
			directory.recordAccess(sender.name(), named.stream().distinct().toList(), "announcement.report", "messaging",
					"announcement=" + id);
		}
		return new DeliveryReport(id, announcement.status(), byChannel, byLanguage, excluded, skipped, resent, fellBack,
				unreached.stream().map(UnreachedRow::unreached).toList(), failures, inTheirLanguage(id));
	}

	/**
	 * Turns the families nobody reached into call tasks for a liaison, one per guardian, about
	 * that guardian; a guardian who has an open task from this announcement already gets none. The
	 * tasks are the sender's own when they are on the staff list, and unassigned otherwise.
	 */
	@Transactional
	int callTasksForUnreached(Viewer sender, UUID id) {
		String assignee = sender.staffId().isPresent() ? sender.name() : null;
		DeliveryReport report = report(sender, id);
		String source = "messaging:announcement:" + id;
		return tasks.openOncePerGuardian(report.unreached().stream()
			.map(family -> new NewTask(callTitle(family), null, family.guardianId(), assignee,
					districtClock.today().plusDays(2), null, source))
			.toList());
	}

	/** In the language of the staff member who asked for the tasks. */
	private String callTitle(DeliveryReport.Unreached family) {
		return messages.getMessage("announcement.call-task", new Object[] { family.guardianName(), family.children() },
				LocaleContextHolder.getLocale());
	}

	private static Map<String, Long> zeroCounts(String channel) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String status : List.of("QUEUED", "SENDING", "SENT", "DELIVERED", "UNDELIVERED", "FAILED", "UNCERTAIN", "SKIPPED")) {
			counts.put(status, 0L);
		}
		return counts;
	}

	private record UnreachedRow(DeliveryReport.Unreached unreached, List<UUID> studentIds) {
	}

	/** Per family language, the guardians who received the announcement, by how their version was made. */
	private Map<String, Map<String, Long>> inTheirLanguage(UUID id) {
		Map<String, Map<String, Long>> received = new TreeMap<>();
		jdbc.sql("""
				select coalesce(d.language, 'en'), coalesce(t.kind, 'ORIGINAL'), count(distinct d.guardian_id)
				from messaging.delivery d
				left join messaging.announcement_translation t on t.announcement_id = d.announcement_id and t.language = d.language
				where d.announcement_id = ? and d.status in ('SENT', 'DELIVERED')
				group by 1, 2""")
			.param(id)
			.query((rs, row) -> received.computeIfAbsent(rs.getString(1), language -> new TreeMap<>())
				.put(rs.getString(2), rs.getLong(3)))
			.list();
		return received;
	}
}
