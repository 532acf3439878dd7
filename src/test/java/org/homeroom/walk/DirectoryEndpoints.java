package org.homeroom.walk;

import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.WalkWorld.SCHOOL_ADMIN;
import static org.homeroom.walk.WalkWorld.SIGNED_IN;
import static org.homeroom.walk.WalkWorld.STAFF;
import static org.homeroom.walk.Walked.on;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to the directory (students, guardians, classes, staff, imports), the work
 * queue, the access log and the platform's own pages, each aimed at a record of theirs.
 */
final class DirectoryEndpoints {

	private DirectoryEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc, LocalDate today) {
		Supplier<String> attacked = rows(jdbc, """
				select row_to_json(g)::text from directory.guardian g where id = ?
				union all select row_to_json(c)::text from directory.contact_point c where guardian_id = ?
				union all select row_to_json(e)::text from directory.family_edit e where guardian_id = ?""",
				their.attackedGuardian, their.attackedGuardian, their.attackedGuardian);
		Supplier<String> task = rows(jdbc, """
				select row_to_json(t)::text from tasks.task t where id = ?
				union all select row_to_json(n)::text from tasks.task_note n where task_id = ?""", their.task, their.task);
		// What a caller could change, and not when the scheduler last looked in the folder.
		Supplier<String> rosterSync = rows(jdbc, """
				select concat_ws(' ', folder, every_minutes, enabled, run_requested, updated_by, updated_at)
				from directory.roster_sync""");
		Supplier<String> imports = rows(jdbc, "select count(*)::text from directory.roster_import");
		String intruder = "Intruder" + their.tag;
		jdbc.sql("update directory.school set office_phone = '+12025550143' where id = ?").param(their.roosevelt).update();
		Supplier<String> officePhone = rows(jdbc, "select coalesce(office_phone, 'none') from directory.school where id = ?",
				their.roosevelt);
		return List.of(
				// The district's school names are for everyone signed in.
				on("GET", "/api/v1/schools").mayAct(SIGNED_IN),
				on("POST", "/api/v1/students").mayAct(DISTRICT_ADMIN)
					.json("""
							{"givenName": "%s", "familyName": "Walk", "schoolId": "%s", "grade": "08", "enrolledFrom": "%s"}"""
						.formatted(intruder, their.roosevelt, today))
					.createsNothing(rows(jdbc, "select count(*)::text from directory.student where given_name = ?", intruder)),
				on("GET", "/api/v1/students").query("q=" + their.studentName).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200)
					.neverShows(their.student.toString()),
				on("GET", "/api/v1/me/children").neverShows(their.student.toString()),
				on("GET", "/api/v1/students/{id}").at(their.student).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/api/v1/students/{id}/guardians").at(their.student).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				// Any administrator may register a guardian who is nobody's yet: that touches no record of theirs.
				on("POST", "/api/v1/guardians").mayAct(DISTRICT_ADMIN, SCHOOL_ADMIN)
					.json("{\"givenName\": \"%s\", \"familyName\": \"Walk\"}".formatted(intruder))
					.createsNothing(rows(jdbc, "select count(*)::text from directory.guardian where given_name = ?", intruder)),
				// Issue 15, finding 1: a school administrator of another school took over a family's account this way.
				on("PATCH", "/api/v1/guardians/{id}").at(their.attackedGuardian).variant("with an empty body")
					.mayAct(DISTRICT_ADMIN).json("{}").unchanged(attacked).expectedToPassAfter("fix/guardians"),
				on("PATCH", "/api/v1/guardians/{id}").at(their.attackedGuardian).variant("with a new e-mail address")
					.mayAct(DISTRICT_ADMIN).json("{\"emails\": [\"walk.taken.%s@attacker.test\"]}".formatted(their.tag))
					.unchanged(attacked).expectedToPassAfter("fix/guardians"),
				on("POST", "/api/v1/students/{id}/guardians").at(their.student).mayAct(DISTRICT_ADMIN)
					.json("{\"guardianId\": \"%s\", \"relationship\": \"PARENT\"}".formatted(their.ourGuardian))
					.unchanged(rows(jdbc, "select row_to_json(g)::text from directory.guardianship g where student_id = ?",
							their.student)),
				on("POST", "/api/v1/students/{id}/guardians/{guardianId}/restrictions").at(their.student, their.guardian)
					.mayAct(DISTRICT_ADMIN)
					.json("{\"type\": \"NO_CONTACT\", \"from\": \"%s\", \"source\": \"walk\"}".formatted(today))
					.unchanged(rows(jdbc, "select row_to_json(r)::text from directory.restriction r where student_id = ?",
							their.student)),
				on("POST", "/api/v1/students/{id}/guardians/{guardianId}/restrictions/{restrictionId}/lift")
					.at(their.student, their.guardian, their.restriction).mayAct(DISTRICT_ADMIN).json("{\"note\": \"walk\"}")
					.unchanged(rows(jdbc, """
							select row_to_json(r)::text from directory.restriction r where id = ?
							union all select row_to_json(a)::text from directory.restriction_audit a where restriction_id = ?""",
							their.restriction, their.restriction)),

				on("GET", "/students").query("q=" + their.studentName).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200)
					.neverShows(their.student.toString()),
				on("GET", "/students/{id}").at(their.student).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/guardians/{id}").at(their.guardian).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/my-children").neverShows(their.studentName),
				// The staff list is the district's phone book, open to every member of staff.
				on("GET", "/staff").mayAct(STAFF),
				on("GET", "/staff/{id}").at(their.theirStaff).mayAct(STAFF),
				on("GET", "/classes").mayAct(DISTRICT_ADMIN).neverShows(their.theirClass.toString()),
				on("GET", "/classes/{id}").at(their.theirClass).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),

				// OneRoster imports are the district administrator's alone.
				on("GET", "/admin/imports").mayAct(DISTRICT_ADMIN),
				on("POST", "/admin/imports").mayAct(DISTRICT_ADMIN).uploading(new byte[] { 'P', 'K' })
					.form("confirmForce", "true").createsNothing(imports),
				on("POST", "/admin/imports/sync").mayAct(DISTRICT_ADMIN)
					.form("folder", "/tmp/walk-" + their.tag, "everyMinutes", "60", "enabled", "true").unchanged(rosterSync),
				on("POST", "/admin/imports/sync/run").mayAct(DISTRICT_ADMIN).unchanged(rosterSync),
				on("GET", "/admin/imports/{id}").at(their.rosterImport).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/admin/imports/{id}/outcome").at(their.rosterImport).mayAct(DISTRICT_ADMIN),
				on("POST", "/api/v1/imports/oneroster").mayAct(DISTRICT_ADMIN).uploading(new byte[] { 'P', 'K' })
					.createsNothing(imports),
				on("GET", "/api/v1/imports/{id}").at(their.rosterImport).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/api/v1/imports").mayAct(DISTRICT_ADMIN),
				// The district's clock is the district administrator's to set (the walk's district has no zone of its own recorded).
				on("GET", "/admin/time-zone").mayAct(DISTRICT_ADMIN),
				on("POST", "/admin/time-zone").mayAct(DISTRICT_ADMIN).form("timeZone", "Pacific/Honolulu")
					.unchanged(rows(jdbc, "select coalesce(max(time_zone), 'none recorded') from directory.district")),
				// A school's office phone is kept by the district administrator and the school's own administrator;
				// the walk's school administrator is Lincoln's, so Roosevelt (which has a phone to lose) is not theirs.
				on("GET", "/admin/schools").query("q=" + their.tag).mayAct(DISTRICT_ADMIN)
					.control(DISTRICT_ADMIN, 200).neverShows("Walk Roosevelt " + their.tag),
				on("GET", "/admin/schools/{id}").at(their.roosevelt).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/admin/schools/{id}").at(their.roosevelt).mayAct(DISTRICT_ADMIN).form("officePhone", "+1 202 555 0199")
					.unchanged(officePhone),
				on("POST", "/admin/schools/{id}").at(their.roosevelt).variant("emptied, which asks first").mayAct(DISTRICT_ADMIN)
					.form("officePhone", "").unchanged(officePhone),
				on("POST", "/admin/schools/{id}/clear").at(their.roosevelt).mayAct(DISTRICT_ADMIN).unchanged(officePhone),

				on("GET", "/api/v1/tasks").query("status=ACTIVE").mayAct(DISTRICT_ADMIN).neverShows(their.task.toString()),
				// Opening a task about a student one may not see is refused like one about nobody on file (400 studentId).
				on("POST", "/api/v1/tasks").mayAct(DISTRICT_ADMIN).refusedWith(400, 403, 404)
					.json("{\"title\": \"Walk intrusion\", \"studentId\": \"%s\"}".formatted(their.student))
					.createsNothing(rows(jdbc, "select count(*)::text from tasks.task where student_id = ?", their.student)),
				on("GET", "/api/v1/tasks/{id}").at(their.task).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("PATCH", "/api/v1/tasks/{id}").at(their.task).mayAct(DISTRICT_ADMIN)
					.json("{\"status\": \"IN_PROGRESS\", \"note\": \"walk\"}").unchanged(task),
				on("GET", "/tasks").query("assignee=all&status=").mayAct(DISTRICT_ADMIN).neverShows(their.task.toString()),
				on("GET", "/tasks/{id}").at(their.task).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/tasks/{id}").at(their.task).mayAct(DISTRICT_ADMIN)
					.form("status", "IN_PROGRESS", "version", "0", "text", "walk").unchanged(task),

				on("GET", "/api/v1/access-log").query("studentId=" + their.student).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/access-log").query("studentId=" + their.student).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),

				// The start page: a family's feed and children, a member of staff's work; never another family's.
				on("GET", "/").mayAct(SIGNED_IN).neverShows(their.studentName).neverShows(their.deliverySubject),
				// The administration menu lists only what the caller may open; each entry is walked on its own.
				on("GET", "/admin").mayAct(SIGNED_IN));
	}

	/** The rows a query returns, as text, to compare before and after a request. */
	static Supplier<String> rows(JdbcClient jdbc, String sql, Object... params) {
		return () -> jdbc.sql(sql).params(params).query(String.class).list().toString();
	}
}
