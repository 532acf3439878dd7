package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.ANOTHER_FAMILY;
import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.WalkWorld.SIGNED_IN;
import static org.homeroom.walk.WalkWorld.THEIR_FAMILY;
import static org.homeroom.walk.WalkWorld.THEIR_TEACHER;
import static org.homeroom.walk.Walked.on;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to accounts: administrators' pages for staff accounts, the two-step policy,
 * and each person's own account, tokens, contacts and welcome. What belongs to one account (a
 * token, a session, a device, a family's contact) is aimed at from every other account, a
 * district administrator's included.
 */
final class AccountEndpoints {

	private AccountEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc) {
		Supplier<String> theirAccount = rows(jdbc, """
				select row_to_json(a)::text from accounts.account a where id = ?
				union all select row_to_json(g)::text from accounts.role_grant g where account_id = ?
				union all select row_to_json(l)::text from accounts.account_link l where account_id = ? or staff_id = ?
				union all select row_to_json(s)::text from directory.staff_assignment s where staff_id = ?""",
				their.theirAccount, their.theirAccount, their.theirAccount, their.theirStaff, their.theirStaff);
		Supplier<String> invitation = rows(jdbc, """
				select row_to_json(s)::text from directory.staff s where id = ?
				union all select row_to_json(l)::text from accounts.account_link l where staff_id = ?""",
				their.uninvitedStaff, their.uninvitedStaff);
		Supplier<String> contact = rows(jdbc, """
				select row_to_json(c)::text from directory.contact_point c where guardian_id = ?
				union all select row_to_json(k)::text from accounts.sign_in_code k where contact = ?""",
				their.guardian, their.guardianEmail);
		Supplier<String> token = rows(jdbc, "select row_to_json(t)::text from accounts.api_token t where id = ?",
				their.theirToken);
		String staff = their.theirStaff.toString();
		String theirContact = their.guardianContact.toString();
		return List.of(
				on("GET", "/admin/accounts").query("q=Theirteacher" + their.tag).mayAct(DISTRICT_ADMIN).neverShows(staff),
				on("POST", "/admin/accounts/invite").mayAct(DISTRICT_ADMIN)
					.form("staffId", their.uninvitedStaff.toString()).unchanged(invitation),
				// A school administrator invites the staff of their own school: 302, and nobody of theirs.
				on("POST", "/admin/accounts/invite-all").mayAct(DISTRICT_ADMIN).refusedWith(302, 403)
					.form("q", their.uninvitedName).unchanged(invitation),
				on("GET", "/admin/accounts/{id}").at(staff).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/admin/accounts/{id}/invite").at(their.uninvitedStaff).mayAct(DISTRICT_ADMIN)
					.unchanged(invitation),
				on("POST", "/admin/accounts/{id}/roles").at(staff).mayAct(DISTRICT_ADMIN)
					.form("schoolId", their.lincoln.toString(), "role", "TEACHER").unchanged(theirAccount),
				on("POST", "/admin/accounts/{id}/roles/remove").at(staff).mayAct(DISTRICT_ADMIN)
					.form("schoolId", their.roosevelt.toString(), "role", "TEACHER").unchanged(theirAccount),
				on("POST", "/admin/accounts/{id}/district-admin").at(staff).mayAct(DISTRICT_ADMIN).unchanged(theirAccount),
				on("POST", "/admin/accounts/{id}/district-admin/revoke").at(staff).mayAct(DISTRICT_ADMIN)
					.unchanged(theirAccount),
				on("GET", "/admin/accounts/{id}/deactivate").at(staff).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/admin/accounts/{id}/deactivate").at(staff).mayAct(DISTRICT_ADMIN).unchanged(theirAccount),
				on("POST", "/admin/accounts/{id}/reactivate").at(staff).mayAct(DISTRICT_ADMIN).unchanged(theirAccount),
				on("POST", "/admin/accounts/{id}/password-reset").at(staff).mayAct(DISTRICT_ADMIN).unchanged(theirAccount),
				on("GET", "/security-log").mayAct(DISTRICT_ADMIN),
				on("GET", "/admin/two-step/policy").mayAct(DISTRICT_ADMIN),
				on("POST", "/admin/two-step/policy").mayAct(DISTRICT_ADMIN).form("allStaff", "true", "inDemo", "true")
					.unchanged(rows(jdbc, "select row_to_json(p)::text from accounts.two_step_policy p")),
				on("GET", "/admin/two-step/reset").query("account=" + their.theirStaffEmail).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/admin/two-step/reset").mayAct(DISTRICT_ADMIN).form("account", their.theirStaffEmail)
					.unchanged(rows(jdbc, """
							select row_to_json(a)::text from accounts.account a where id = ?
							union all select row_to_json(f)::text from accounts.second_factor f where account_id = ?""",
							their.theirAccount, their.theirAccount)),

				// The caller's own account, own second step and own sign-in: no record of anyone else's in the request.
				on("GET", "/sign-in/second-step").mayAct(SIGNED_IN),
				on("POST", "/sign-in/second-step").mayAct(SIGNED_IN).form("code", "000000"),
				on("GET", "/account").mayAct(SIGNED_IN),
				on("POST", "/account/language").mayAct(SIGNED_IN).form("language", "es"),
				on("GET", "/account/two-step").mayAct(SIGNED_IN),
				on("POST", "/account/two-step/enable").mayAct(SIGNED_IN).form("code", "000000"),
				on("POST", "/account/two-step/recovery-codes").mayAct(SIGNED_IN),
				on("POST", "/account/two-step/disable").mayAct(SIGNED_IN).form("code", "000000"),
				// Another account's session and device: the page goes back to the caller's own account, and nothing ends.
				on("POST", "/account/sessions/end").refusedWith(302).form("id", their.theirSession)
					.unchanged(rows(jdbc, "select primary_id from spring_session where primary_id = ?", their.theirSession)),
				on("POST", "/account/devices/revoke").refusedWith(302).form("series", their.theirDevice)
					.unchanged(rows(jdbc, "select row_to_json(p)::text from persistent_logins p where series = ?",
							their.theirDevice)),
				on("GET", "/account/tokens").neverShows(their.theirToken.toString()).control(THEIR_TEACHER, 200),
				on("POST", "/account/tokens").mayAct(SIGNED_IN).form("name", "walk", "expiresInDays", "1"),
				on("GET", "/account/tokens/{id}/revoke").at(their.theirToken).control(THEIR_TEACHER, 200),
				on("POST", "/account/tokens/{id}/revoke").at(their.theirToken).unchanged(token),
				on("POST", "/api/v1/tokens").mayAct(SIGNED_IN).json("{\"name\": \"walk\", \"expiresInDays\": 1}"),
				on("GET", "/api/v1/tokens").neverShows(their.theirToken.toString()).control(THEIR_TEACHER, 200),
				on("DELETE", "/api/v1/tokens/{id}").at(their.theirToken).unchanged(token),

				// A family's own contacts, over the API and in the welcome: another family's answer 404.
				on("GET", "/api/v1/me/contacts").neverShows(their.guardianEmail).control(THEIR_FAMILY, 200),
				on("POST", "/api/v1/me/contacts").mayAct(ANOTHER_FAMILY)
					.json("{\"kind\": \"EMAIL\", \"value\": \"walk.new.%s@family.test\"}".formatted(their.tag)),
				on("POST", "/api/v1/me/contacts/{id}/code").at(theirContact).unchanged(contact),
				on("POST", "/api/v1/me/contacts/{id}/verify").at(theirContact).json("{\"code\": \"123456\"}")
					.unchanged(contact),
				on("DELETE", "/api/v1/me/contacts/{id}").at(theirContact).unchanged(contact),
				on("GET", "/welcome").mayAct(ANOTHER_FAMILY),
				on("GET", "/welcome/contacts").mayAct(ANOTHER_FAMILY),
				on("GET", "/welcome/contacts").variant("changing their contact").query("change=" + theirContact)
					.neverShows(their.guardianEmail).control(THEIR_FAMILY, 200),
				on("POST", "/welcome/contacts").mayAct(ANOTHER_FAMILY)
					.form("kind", "EMAIL", "value", "walk.welcome.%s@family.test".formatted(their.tag)),
				on("GET", "/welcome/contacts/{id}/verify").at(theirContact).control(THEIR_FAMILY, 302),
				on("POST", "/welcome/contacts/{id}/verify").at(theirContact).form("code", "123456").unchanged(contact),
				on("POST", "/welcome/contacts/{id}/code").at(theirContact).unchanged(contact),
				on("GET", "/welcome/contacts/{id}/remove").at(theirContact).control(THEIR_FAMILY, 200),
				on("POST", "/welcome/contacts/{id}/remove").at(theirContact).unchanged(contact),
				on("GET", "/welcome/language").mayAct(ANOTHER_FAMILY),
				on("POST", "/welcome/language").mayAct(ANOTHER_FAMILY).form("language", "es"),
				on("GET", "/welcome/reach").mayAct(ANOTHER_FAMILY),
				on("POST", "/welcome/reach").mayAct(ANOTHER_FAMILY).form("preferredChannels", "EMAIL"),
				on("POST", "/welcome/finish").mayAct(ANOTHER_FAMILY));
	}
}
