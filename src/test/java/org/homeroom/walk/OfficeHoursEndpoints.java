package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.THEIR_TEACHER;
import static org.homeroom.walk.Walked.on;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to office hours: each member of staff sets only their own, on their account.
 * Their teacher has hours and a note on file; no caller sees that note, and a request that names
 * their teacher's record saves (for staff) the caller's own hours and leaves theirs as they were.
 * A family has no office hours: 404.
 */
final class OfficeHoursEndpoints {

	private OfficeHoursEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc) {
		String note = "Out of office, their teacher " + their.tag;
		jdbc.sql("""
				insert into messaging.office_hours (staff_id, note, updated_by, updated_at) values (?, ?, 'walk', now())
				on conflict (staff_id) do nothing""").params(their.theirStaff, note).update();
		jdbc.sql("""
				insert into messaging.office_hours_interval (staff_id, weekday, starts, ends) values (?, 2, '13:00', '15:00')
				on conflict do nothing""").param(their.theirStaff).update();
		Supplier<String> theirHours = rows(jdbc, """
				select row_to_json(h)::text from messaging.office_hours h where staff_id = ?
				union all select row_to_json(i)::text from messaging.office_hours_interval i where staff_id = ?""",
				their.theirStaff, their.theirStaff);
		return List.of(
				on("GET", "/account/office-hours").neverShows(note).control(THEIR_TEACHER, 200),
				// Staff save their own (302); a district administrator without a staff record and a family get 404.
				on("POST", "/account/office-hours").refusedWith(302, 404)
					.form("staffId", their.theirStaff.toString(), "spans[0].start", "08:00", "spans[0].end", "09:00", "note", "Hijacked")
					.unchanged(theirHours));
	}
}
