package org.homeroom.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.homeroom.directory.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A sender's last released announcements with how many families they reached and how many of those
 * have read them, for the staff home. The sender's own, or every one for a district administrator,
 * as on the announcements page; the counts name no student, so nothing is logged.
 */
@Service
public class RecentAnnouncements {

	private final JdbcClient jdbc;

	RecentAnnouncements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param reached families with at least one message delivered
	 * @param read families who opened it in the app (e-mail is not tracked)
	 */
	public record Line(UUID id, String subject, Category category, Instant releasedAt, long reached, long read) {

		/** Whole per cent of the families reached who read it; 0 while none are reached. */
		public int readPercent() {
			return reached == 0 ? 0 : (int) (read * 100 / reached);
		}
	}

	@Transactional(readOnly = true)
	public List<Line> last(Viewer sender, int limit) {
		if (!sender.staff()) {
			return List.of();
		}
		return jdbc.sql("""
				select a.id, a.subject, a.category, a.released_at,
				       (select count(distinct d.guardian_id) from messaging.delivery d
				        where d.announcement_id = a.id and d.status = 'SENT') as reached,
				       (select count(distinct d.guardian_id) from messaging.delivery d
				        where d.announcement_id = a.id and d.read_at is not null) as read
				from messaging.announcement a
				where a.status = 'RELEASED' and (:all or a.author = :author)
				order by a.released_at desc, a.id limit :limit""")
			.param("all", sender.districtAdmin())
			.param("author", sender.name())
			.param("limit", limit)
			.query(Line.class)
			.list();
	}
}
