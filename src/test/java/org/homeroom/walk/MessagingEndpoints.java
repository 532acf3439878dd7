package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.WalkWorld.SIGNED_IN;
import static org.homeroom.walk.WalkWorld.STAFF;
import static org.homeroom.walk.WalkWorld.THEIR_FAMILY;
import static org.homeroom.walk.Walked.on;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to announcements, templates and family inboxes. Staff write announcements
 * and templates of their own; whom an announcement reaches is walked by the preview in
 * {@code StudentEndpointWalkIntegrationTests}, which shares the audience query with sending.
 */
final class MessagingEndpoints {

	private MessagingEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc) {
		Supplier<String> announcement = rows(jdbc, "select row_to_json(a)::text from messaging.announcement a where id = ?",
				their.announcement);
		Supplier<String> template = rows(jdbc, "select row_to_json(t)::text from messaging.message_template t where id = ?",
				their.template);
		Supplier<String> theirSchoolTemplates = rows(jdbc,
				"select count(*)::text from messaging.message_template where school_id = ?", their.roosevelt);
		Supplier<String> delivery = rows(jdbc, "select row_to_json(d)::text from messaging.delivery d where id = ?",
				their.delivery);
		String intrusion = "Walk intrusion " + their.tag;
		Supplier<String> intrusions = rows(jdbc, "select count(*)::text from messaging.announcement where subject = ?",
				intrusion);
		String toTheirStudent = """
				{"audience": {"studentIds": ["%s"]}, "subject": "%s", "body": "Hello", "category": "GENERAL",
				 "channels": ["IN_APP"]}""".formatted(their.student, intrusion);
		return List.of(
				// Every member of staff writes announcements of their own; families may not.
				on("POST", "/api/v1/announcements").mayAct(STAFF).json(toTheirStudent).createsNothing(intrusions),
				on("POST", "/api/v1/announcements/preview").mayAct(STAFF)
					.json("{\"audience\": {\"studentIds\": [\"%s\"]}, \"category\": \"GENERAL\", \"channels\": [\"IN_APP\"]}"
						.formatted(their.student)),
				on("GET", "/api/v1/announcements/{id}").at(their.announcement).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("PATCH", "/api/v1/announcements/{id}").at(their.announcement).mayAct(DISTRICT_ADMIN)
					.json("{\"version\": 0, \"subject\": \"Hijacked\"}").unchanged(announcement),
				on("DELETE", "/api/v1/announcements/{id}").at(their.announcement).mayAct(DISTRICT_ADMIN)
					.unchanged(announcement),
				on("GET", "/api/v1/announcements/{id}/report").at(their.announcement).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", "/announcements").mayAct(DISTRICT_ADMIN).neverShows(their.announcement.toString()),
				on("GET", "/announcements/new").mayAct(STAFF),
				on("GET", "/announcements/new").variant("from their school's template").query("template=" + their.template)
					.mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/announcements/new").mayAct(STAFF)
					.form("action", "send", "schoolIds", their.roosevelt.toString(), "category", "GENERAL", "channels",
							"IN_APP", "subject", intrusion, "body", "Hello")
					.createsNothing(intrusions),
				// "Preview translations": counts by language through the access policy, and nothing written.
				on("POST", "/announcements/new/translations").mayAct(STAFF)
					.form("schoolIds", their.roosevelt.toString(), "category", "GENERAL", "channels", "IN_APP", "subject",
							intrusion, "body", "Hello")
					.createsNothing(intrusions),
				on("GET", "/announcements/{id}").at(their.announcement).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/announcements/{id}/call-tasks").at(their.announcement).mayAct(DISTRICT_ADMIN)
					.createsNothing(rows(jdbc, "select count(*)::text from tasks.task where source like ?",
							"%" + their.announcement + "%")),
				on("POST", "/announcements/{id}/cancel").at(their.announcement).mayAct(DISTRICT_ADMIN)
					.unchanged(announcement),
				// The reach report: counts for administrators of the school asked about (another school's is 404).
				on("GET", "/reports/reach").query("school=" + their.roosevelt).mayAct(DISTRICT_ADMIN)
					.control(DISTRICT_ADMIN, 200),
				on("GET", "/reports/reach.csv").query("school=" + their.roosevelt).mayAct(DISTRICT_ADMIN)
					.control(DISTRICT_ADMIN, 200),
				on("GET", "/announcements/{id}/send-with-machine-translation").at(their.announcement).mayAct(DISTRICT_ADMIN)
					.control(DISTRICT_ADMIN, 200),
				on("POST", "/announcements/{id}/send-with-machine-translation").at(their.announcement).mayAct(DISTRICT_ADMIN)
					.unchanged(announcement),

				on("GET", "/api/v1/announcement-templates").query("schoolId=" + their.roosevelt).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/api/v1/announcement-templates").mayAct(DISTRICT_ADMIN)
					.json("""
							{"schoolId": "%s", "name": "%s", "category": "GENERAL", "subject": "Hi", "body": "Hello"}"""
						.formatted(their.roosevelt, intrusion))
					.createsNothing(theirSchoolTemplates),
				on("GET", "/api/v1/announcement-templates/{id}").at(their.template).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("PATCH", "/api/v1/announcement-templates/{id}").at(their.template).mayAct(DISTRICT_ADMIN)
					.json("{\"subject\": \"Hijacked\"}").unchanged(template),
				on("DELETE", "/api/v1/announcement-templates/{id}").at(their.template).mayAct(DISTRICT_ADMIN)
					.unchanged(template),
				on("GET", "/announcements/templates").query("schoolId=" + their.roosevelt).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				// A blank form, and one filled from what the caller typed on the announcement form: nothing of theirs.
				on("GET", "/announcements/templates/new").mayAct(STAFF),
				on("POST", "/announcements/templates/from-announcement").mayAct(STAFF)
					.form("category", "GENERAL", "subject", "Hi", "body", "Hello"),
				// The form answers with the error beside the school (200) when the school is not the caller's.
				on("POST", "/announcements/templates/new").mayAct(DISTRICT_ADMIN).refusedWith(200, 403, 404)
					.form("schoolId", their.roosevelt.toString(), "name", intrusion, "category", "GENERAL", "subject", "Hi",
							"body", "Hello")
					.createsNothing(theirSchoolTemplates),
				on("GET", "/announcements/templates/{id}").at(their.template).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/announcements/templates/{id}").at(their.template).mayAct(DISTRICT_ADMIN)
					.form("name", "Hijacked", "category", "GENERAL", "subject", "Hijacked", "body", "Hijacked")
					.unchanged(template),
				on("GET", "/announcements/templates/{id}/delete").at(their.template).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/announcements/templates/{id}/delete").at(their.template).mayAct(DISTRICT_ADMIN)
					.unchanged(template),

				// A family's inbox is theirs alone: a district administrator has no business in it either.
				on("GET", "/api/v1/me/inbox").neverShows(their.deliverySubject).control(THEIR_FAMILY, 200),
				on("POST", "/api/v1/me/inbox/{id}/read").at(their.delivery).unchanged(delivery),
				on("GET", "/messages").neverShows(their.deliverySubject).control(THEIR_FAMILY, 200),
				on("GET", "/messages/list").neverShows(their.deliverySubject).control(THEIR_FAMILY, 200),
				// The live updates of the caller's own inbox.
				on("GET", "/messages/stream").mayAct(SIGNED_IN),
				on("GET", "/messages/{id}").at(their.delivery).unchanged(delivery).control(THEIR_FAMILY, 200),
				// The caller's own choices of what to receive.
				on("GET", "/messages/preferences").mayAct(SIGNED_IN),
				on("POST", "/messages/preferences").mayAct(SIGNED_IN));
	}
}
