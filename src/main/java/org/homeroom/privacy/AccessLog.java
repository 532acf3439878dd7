package org.homeroom.privacy;

import java.sql.Timestamp;
import java.util.UUID;

import org.homeroom.directory.StudentRecordsAccessed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Records every disclosure the directory reports. The listener runs after the read's transaction
 * commits, from the event publication registry, so a crash between the two loses nothing: the
 * event is republished on restart.
 */
@Service
public class AccessLog {

	private final JdbcClient jdbc;

	AccessLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(StudentRecordsAccessed event) {
		if (event.query() == null) {
			event.studentIds().forEach(student -> insert(event, student, 1));
		}
		else {
			insert(event, null, event.studentIds().size());
		}
	}

	private void insert(StudentRecordsAccessed event, UUID student, int count) {
		jdbc.sql("""
				insert into privacy.access_log (id, actor, student_id, what, purpose, query, student_count, at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), event.actor(), student, event.what(), event.purpose(), event.query(), count,
					Timestamp.from(event.at()))
			.update();
	}
}
