package org.homeroom.messaging.officehours;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The office hours staff have set, in {@code messaging.office_hours} and its intervals. */
@Repository
class OfficeHoursRepository {

	private final JdbcClient jdbc;

	OfficeHoursRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a member of staff has set: their own intervals (perhaps none) and their note. Empty when they never saved. */
	@Transactional(readOnly = true)
	Optional<SetHours> find(UUID staffId) {
		Optional<String> note = jdbc.sql("select coalesce(note, '') from messaging.office_hours where staff_id = ?")
			.param(staffId).query(String.class).optional();
		if (note.isEmpty()) {
			return Optional.empty();
		}
		List<WeeklyHours.Interval> intervals = jdbc.sql("""
				select weekday, starts, ends from messaging.office_hours_interval where staff_id = ?""")
			.param(staffId)
			.query((row, n) -> new WeeklyHours.Interval(DayOfWeek.of(row.getInt("weekday")),
					row.getObject("starts", LocalTime.class), row.getObject("ends", LocalTime.class)))
			.list();
		return Optional.of(new SetHours(new WeeklyHours(intervals), note.get().isEmpty() ? null : note.get()));
	}

	/** Replaces what the member of staff had set. */
	@Transactional
	void save(UUID staffId, SetHours hours, String by, Instant at) {
		jdbc.sql("""
				insert into messaging.office_hours (staff_id, note, updated_by, updated_at) values (?, ?, ?, ?)
				on conflict (staff_id) do update set note = excluded.note, updated_by = excluded.updated_by,
				    updated_at = excluded.updated_at""")
			.params(staffId, hours.note(), by, Timestamp.from(at)).update();
		jdbc.sql("delete from messaging.office_hours_interval where staff_id = ?").param(staffId).update();
		for (WeeklyHours.Interval interval : hours.hours().intervals()) {
			jdbc.sql("insert into messaging.office_hours_interval (staff_id, weekday, starts, ends) values (?, ?, ?, ?)")
				.params(staffId, interval.day().getValue(), interval.start(), interval.end()).update();
		}
	}

	/** A member of staff's own hours (none means the district's default) and note (null for none). */
	record SetHours(WeeklyHours hours, String note) {
	}
}
