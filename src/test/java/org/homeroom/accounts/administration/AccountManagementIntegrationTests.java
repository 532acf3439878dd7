package org.homeroom.accounts.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.servlet.http.Cookie;
import org.homeroom.IntegrationTest;
import org.homeroom.accounts.Account;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.Mailbox;
import org.homeroom.accounts.MovableClock;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.directory.Districts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Administrators manage staff accounts: the list, invitations by real SMTP (GreenMail), roles at
 * schools, deactivation; and every user's own sessions.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1", "homeroom.mail.port=" + Mailbox.PORT,
		"homeroom.accounts.public-url=https://homeroom.riverside.example" })
@Import(MovableClock.Replacing.class)
public class AccountManagementIntegrationTests {

	public static final String PUBLIC_URL = "https://homeroom.riverside.example";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(Mailbox.SMTP).withPerMethodLifecycle(false);

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	ApiTokens tokens;

	final Mailbox mail = new Mailbox(smtp, () -> jdbc);

	@AfterEach
	void backToNow() {
		clock.reset();
	}

	@Test
	void aDistrictAdministratorSeesEachStaffRecordWithItsAccountsStatusAndLastSignIn() throws Exception {
		Districts given = Districts.in(jdbc);
		String family = unique("Quarrington");
		UUID school = given.school("Lakeside Elementary");
		UUID notInvited = given.staff("Ines", family, unique("ines") + "@riverside.example");
		given.assign(notInvited, school, "TEACHER");
		String active = StaffAccounts.aStaffMember().named("Omar " + family).createIn(accounts);
		given.assign(given.staff("Omar", family, active), school, "COUNSELOR");
		SignIn.as(mvc, active);
		String withoutRecord = StaffAccounts.aStaffMember().named("Zed " + family).createIn(accounts);
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		Document page = page(get("/admin/accounts").param("q", family).cookie(admin));

		assertThat(page.select("tbody tr td:nth-child(2)").eachText()).containsExactly("Ines " + family, "Omar " + family,
				"Zed " + family);
		// Accounts made before per-school roles carry a district-wide grant (here Teacher) as well.
		assertThat(page.select("tbody tr td:nth-child(4)").eachText()).containsExactly("Teacher at Lakeside Elementary",
				"Teacher Counselor at Lakeside Elementary", "Teacher");
		assertThat(page.select("tbody tr td:nth-child(5)").eachText()).containsExactly("Not invited", "Active", "Active");
		assertThat(page.select("tbody tr td:nth-child(6)").eachText()).element(0).isEqualTo("Never");
		assertThat(page.select("tbody tr:nth-child(2) td:nth-child(6) time")).hasSize(1);
		assertThat(page.select("input[name=staffId]").eachAttr("value")).containsExactly(notInvited.toString());
		assertThat(page.select("tbody tr td:nth-child(3)").eachText()).contains(withoutRecord);
		assertThat(page(get("/admin").cookie(admin)).select("main a[href='/admin/accounts']")).hasSize(1);
	}

	@Test
	void theListPagesAndSearchesByNameOrAddress() throws Exception {
		Districts given = Districts.in(jdbc);
		String family = unique("Pagewell");
		for (int i = 0; i < AccountAdministration.PAGE_SIZE + 2; i++) {
			given.staff("Member" + (char) ('A' + i), family, unique("member") + "@riverside.example");
		}
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		Document first = page(get("/admin/accounts").param("q", family).cookie(admin));
		Document second = page(get("/admin/accounts").param("q", family).param("page", "1").cookie(admin));

		assertThat(first.select("tbody tr")).hasSize(AccountAdministration.PAGE_SIZE);
		assertThat(first.select("a[rel=next]").attr("href")).contains("q=" + family).contains("page=1");
		assertThat(second.select("tbody tr")).hasSize(2);
		String someAddress = jdbc.sql("select email from directory.staff where family_name = ? limit 1").param(family)
			.query(String.class).single();
		assertThat(page(get("/admin/accounts").param("q", someAddress).cookie(admin)).select("tbody tr")).hasSize(1);
	}

	@Test
	void aSchoolAdministratorManagesOnlyTheStaffOfTheirOwnSchools() throws Exception {
		Districts given = Districts.in(jdbc);
		String family = unique("Ashgrove");
		UUID mine = given.school("Mine Middle");
		UUID theirs = given.school("Other High");
		String principal = StaffAccounts.aStaffMember().named("Pat " + family).createIn(accounts);
		given.assign(given.staff("Pat", family, principal), mine, "SCHOOL_ADMIN");
		UUID colleague = given.staff("Cleo", family, unique("cleo") + "@riverside.example");
		given.assign(colleague, mine, "TEACHER");
		UUID elsewhere = given.staff("Eli", family, unique("eli") + "@riverside.example");
		given.assign(elsewhere, theirs, "TEACHER");
		Cookie session = SignIn.as(mvc, principal);

		Document list = page(get("/admin/accounts").param("q", family).cookie(session));
		assertThat(list.select("tbody tr td:nth-child(2)").eachText()).containsExactly("Cleo " + family, "Pat " + family);
		mvc.perform(get("/admin/accounts/" + elsewhere).cookie(session)).andExpect(status().isNotFound());
		mvc.perform(post("/admin/accounts/" + elsewhere + "/roles").cookie(session).with(csrf())
			.param("schoolId", mine.toString()).param("role", "COUNSELOR")).andExpect(status().isNotFound());
		mvc.perform(post("/admin/accounts/invite").cookie(session).with(csrf()).param("staffId", elsewhere.toString()))
			.andExpect(status().isNotFound());

		Document other = page(post("/admin/accounts/" + colleague + "/roles").cookie(session).with(csrf())
			.param("schoolId", theirs.toString()).param("role", "COUNSELOR"));
		assertThat(other.select("#schoolId-error").text()).isEqualTo("Please choose one of the schools you manage.");
		assertThat(page(get("/admin/accounts/" + colleague).cookie(session)).select("#schoolId option").eachText())
			.containsExactly("Mine Middle");
		mvc.perform(post("/admin/accounts/" + colleague + "/district-admin").cookie(session).with(csrf()))
			.andExpect(status().isForbidden());
		String districtAdmin = StaffAccounts.aDistrictAdmin().createIn(accounts);
		UUID districtAdminRecord = given.staff("Dana", family, districtAdmin);
		given.assign(districtAdminRecord, mine, "TEACHER");
		assertThat(page(get("/admin/accounts/" + districtAdminRecord).cookie(session)).select("#security-heading")).isEmpty();
		mvc.perform(post("/admin/accounts/" + districtAdminRecord + "/deactivate").cookie(session).with(csrf()))
			.andExpect(status().isForbidden());

		Cookie teacher = SignIn.as(mvc, StaffAccounts.aStaffMember().createIn(accounts));
		mvc.perform(get("/admin/accounts").cookie(teacher)).andExpect(status().isForbidden());
	}

	@Test
	void anInvitationInTheStaffMembersLanguageLetsThemChooseAPasswordOnce() throws Exception {
		Districts given = Districts.in(jdbc);
		String email = unique("rosa") + "@riverside.example";
		UUID record = given.staff("Rosa", unique("Maldonado"), email);
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		mvc.perform(post("/admin/accounts/" + record + "/invite").cookie(admin).with(csrf()).param("language", "es"))
			.andExpect(redirectedUrl("/admin/accounts/" + record));

		assertThat(Mailbox.subject(mail.to(email, 1).get(0))).isEqualTo("Le invitamos a Homeroom");
		String link = mail.linkPath(email, PUBLIC_URL);
		assertThat(link).startsWith("/invitation/");
		assertThat(page(get("/admin/accounts").param("q", email).cookie(admin)).select("tbody td:nth-child(5)").text())
			.isEqualTo("Invited");

		Document tooShort = page(post(link).with(csrf()).param("password", "short").param("confirmation", "short"));
		assertThat(tooShort.select("#password-error").text()).isEqualTo("A password needs at least 12 characters.");
		Document different = page(post(link).with(csrf()).param("password", StaffAccounts.PASSWORD)
			.param("confirmation", StaffAccounts.PASSWORD + "!"));
		assertThat(different.select("#confirmation-error").text()).isEqualTo("The two passwords are not the same.");

		mvc.perform(post(link).with(csrf()).param("password", StaffAccounts.PASSWORD)
			.param("confirmation", StaffAccounts.PASSWORD)).andExpect(redirectedUrl("/sign-in?invited"));
		Cookie rosa = SignIn.as(mvc, email);
		assertThat(page(get("/account").cookie(rosa)).select("dd").eachText()).contains("Rosa " + jdbc
			.sql("select family_name from directory.staff where id = ?").param(record).query(String.class).single());
		assertThat(page(get(link)).select("h1").text()).isEqualTo("This link no longer works");
		mvc.perform(post(link).with(csrf()).param("password", "another good password").param("confirmation",
				"another good password")).andExpect(status().isOk());
		assertThat(securityLog(admin, email)).contains("Invited", "Invitation accepted");
	}

	@Test
	void reInvitingReplacesTheOldLinkAndAnInvitationExpiresAfterSevenDays() throws Exception {
		Districts given = Districts.in(jdbc);
		String email = unique("theo") + "@riverside.example";
		UUID record = given.staff("Theo", unique("Brandt"), email);
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		mvc.perform(post("/admin/accounts/" + record + "/invite").cookie(admin).with(csrf()).param("language", "en"));
		String first = mail.linkPath(email, PUBLIC_URL);
		mvc.perform(post("/admin/accounts/" + record + "/invite").cookie(admin).with(csrf()).param("language", "en"));
		assertThat(mail.to(email, 2)).hasSize(2);
		String second = mail.linkPath(email, PUBLIC_URL);

		assertThat(second).isNotEqualTo(first);
		assertThat(page(get(first)).select("h1").text()).isEqualTo("This link no longer works");
		assertThat(page(get(second)).select("h1").text()).isEqualTo("Welcome to Homeroom");
		clock.advance(Duration.ofDays(7).plusMinutes(1));
		assertThat(page(get(second)).select("h1").text()).isEqualTo("This link no longer works");
	}

	@Test
	void invitingAllNotYetInvitedReachesOnlyThoseTheSearchFindsWithoutAnAccount() throws Exception {
		Districts given = Districts.in(jdbc);
		String family = unique("Okonkwo");
		String ada = unique("ada") + "@riverside.example";
		String ben = unique("ben") + "@riverside.example";
		given.staff("Ada", family, ada);
		given.staff("Ben", family, ben);
		given.staff("Noemail", family, null);
		String hasAccount = StaffAccounts.aStaffMember().createIn(accounts);
		given.staff("Cy", family, hasAccount);
		String outside = unique("dee") + "@riverside.example";
		given.staff("Dee", unique("Elsewhere"), outside);
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		mvc.perform(post("/admin/accounts/invite-all").cookie(admin).with(csrf()).param("q", family)
			.param("language", "en")).andExpect(redirectedUrl("/admin/accounts?q=" + family));

		assertThat(mail.to(ada, 1)).hasSize(1);
		assertThat(mail.to(ben, 1)).hasSize(1);
		assertThat(mail.onceAllQueuedAreSent(hasAccount)).isEmpty();
		assertThat(mail.onceAllQueuedAreSent(outside)).isEmpty();
		Document page = page(get("/admin/accounts").param("q", family).cookie(admin));
		assertThat(page.select("tbody td:nth-child(5)").eachText()).containsExactly("Invited", "Invited", "Active",
				"Not invited");
		mvc.perform(post("/admin/accounts/invite-all").cookie(admin).with(csrf()).param("q", family).param("language", "en"));
		assertThat(mail.onceAllQueuedAreSent(ada)).as("someone invited already is not invited again").hasSize(1);
	}

	@Test
	void aRoleGivenAtASchoolTakesEffectAtTheNextSignInAndIsLogged() throws Exception {
		Districts given = Districts.in(jdbc);
		UUID school = given.school("Harbor Middle");
		String teacher = StaffAccounts.aStaffMember().createIn(accounts);
		UUID record = given.staff("Mina", unique("Sato"), teacher);
		given.assign(record, school, "TEACHER");
		Cookie before = SignIn.as(mvc, teacher);
		mvc.perform(get("/admin/accounts").cookie(before)).andExpect(status().isForbidden());
		Cookie admin = SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts));

		mvc.perform(post("/admin/accounts/" + record + "/roles").cookie(admin).with(csrf())
			.param("schoolId", school.toString()).param("role", "SCHOOL_ADMIN"))
			.andExpect(redirectedUrl("/admin/accounts/" + record));

		Cookie after = SignIn.as(mvc, teacher);
		mvc.perform(get("/admin/accounts").cookie(after)).andExpect(status().isOk());
		assertThat(page(get("/account").cookie(after)).select("dd .badge").eachText()).contains("School administrator");
		mvc.perform(post("/admin/accounts/" + record + "/roles/remove").cookie(admin).with(csrf())
			.param("schoolId", school.toString()).param("role", "SCHOOL_ADMIN"));
		mvc.perform(get("/admin/accounts").cookie(SignIn.as(mvc, teacher))).andExpect(status().isForbidden());
		assertThat(securityLogDetails(admin, teacher)).contains("SCHOOL_ADMIN at Harbor Middle by ");
		assertThat(securityLog(admin, teacher)).contains("Role given", "Role removed");
		Document refused = page(post("/admin/accounts/" + record + "/roles").cookie(admin).with(csrf())
			.param("schoolId", school.toString()).param("role", "DISTRICT_ADMIN"));
		assertThat(refused.select("#role-error").text()).isEqualTo("Please choose a role.");
	}

	@Test
	void districtAdministrationIsGivenAndTakenButNeverFromTheLastActiveDistrictAdministrator() throws Exception {
		String other = StaffAccounts.aStaffMember().createIn(accounts);
		UUID otherId = accountId(other);
		String self = StaffAccounts.aDistrictAdmin().createIn(accounts);
		Cookie admin = SignIn.as(mvc, self);

		mvc.perform(post("/admin/accounts/" + otherId + "/district-admin").cookie(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/accounts/" + otherId));
		mvc.perform(get("/security-log").cookie(SignIn.as(mvc, other))).andExpect(status().isOk());
		mvc.perform(post("/admin/accounts/" + otherId + "/district-admin/revoke").cookie(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/accounts/" + otherId));
		mvc.perform(get("/security-log").cookie(SignIn.as(mvc, other))).andExpect(status().isForbidden());

		// Leave this administrator the only active one for a moment: the rule must hold.
		List<UUID> others = jdbc.sql("""
				select a.id from accounts.account a join accounts.role_grant r on r.account_id = a.id
				where r.role = 'DISTRICT_ADMIN' and a.active and a.username <> ?""").param(self).query(UUID.class).list();
		jdbc.sql("update accounts.account set active = false where id in (:ids)").param("ids", orNobody(others)).update();
		try {
			Document refused = page(post("/admin/accounts/" + accountId(self) + "/district-admin/revoke").cookie(admin)
				.with(csrf()));
			assertThat(refused.select(".alert--error").text()).contains("at least one active district administrator");
		}
		finally {
			jdbc.sql("update accounts.account set active = true where id in (:ids)").param("ids", orNobody(others)).update();
		}
	}

	@Test
	void aDeactivatedAccountIsSignedOutEverywhereLosesItsTokensAndCannotSignInUntilReactivated() throws Exception {
		String leaver = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie leaverSession = SignIn.as(mvc, leaver);
		String token = tokens.issue(leaver, "Gradebook", 30).secret();
		mvc.perform(get("/api/v1/schools").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).andExpect(status().isOk());
		String self = StaffAccounts.aDistrictAdmin().createIn(accounts);
		Cookie admin = SignIn.as(mvc, self);
		UUID id = accountId(leaver);

		Document confirm = page(get("/admin/accounts/" + id + "/deactivate").cookie(admin));
		assertThat(confirm.select("h1").text()).isEqualTo("Deactivate this account?");
		mvc.perform(post("/admin/accounts/" + id + "/deactivate").cookie(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/accounts/" + id));

		mvc.perform(get("/account").cookie(leaverSession)).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/schools").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
		mvc.perform(post("/sign-in").param("email", leaver).param("password", StaffAccounts.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/sign-in?error"));
		assertThat(page(get("/admin/accounts/" + id).cookie(admin)).select("dd .badge").text()).isEqualTo("Deactivated");
		assertThat(securityLog(admin, leaver)).contains("Account deactivated");

		Document own = page(post("/admin/accounts/" + accountId(self) + "/deactivate").cookie(admin).with(csrf()));
		assertThat(own.select(".alert--error").text()).isEqualTo("You cannot deactivate your own account.");

		mvc.perform(post("/admin/accounts/" + id + "/reactivate").cookie(admin).with(csrf()));
		SignIn.as(mvc, leaver);
		assertThat(securityLog(admin, leaver)).contains("Account reactivated");
	}

	@Test
	void everyoneSeesTheirSessionsAndEndsAnotherOne() throws Exception {
		String email = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie laptop = SignIn.as(mvc, email);
		Cookie phone = SignIn.as(mvc, email);
		String stranger = StaffAccounts.aStaffMember().createIn(accounts);
		Cookie strangerSession = SignIn.as(mvc, stranger);

		Document page = page(get("/account").cookie(laptop));
		assertThat(page.select("section[aria-labelledby=sessions-heading] tbody tr")).hasSize(2);
		assertThat(page.select("section[aria-labelledby=sessions-heading] .badge").text()).isEqualTo("This browser");
		assertThat(page.select("a[href='/account/tokens']")).isNotEmpty();
		String other = page.select("form[action='/account/sessions/end'] input[name=id]").attr("value");
		assertThat(page.html()).doesNotContain(laptop.getValue()).doesNotContain(phone.getValue());

		// Nobody ends someone else's session, even knowing its id.
		mvc.perform(post("/account/sessions/end").cookie(strangerSession).with(csrf()).param("id", other));
		mvc.perform(get("/account").cookie(phone)).andExpect(status().isOk());

		mvc.perform(post("/account/sessions/end").cookie(laptop).with(csrf()).param("id", other))
			.andExpect(redirectedUrl("/account"));
		mvc.perform(get("/account").cookie(phone)).andExpect(status().is3xxRedirection());
		mvc.perform(get("/account").cookie(laptop)).andExpect(status().isOk());
		assertThat(securityLog(SignIn.as(mvc, StaffAccounts.aDistrictAdmin().createIn(accounts)), email))
			.contains("Session ended");
	}

	@Test
	void aFamilysSignInWithACodeCountsAsItsLastSignIn() throws Exception {
		Districts given = Districts.in(jdbc);
		String address = unique("lena") + "@family.example";
		UUID guardian = given.aGuardian("Lena").reachableByEmail(address).id();

		mvc.perform(post("/api/v1/auth/family/code").contentType("application/json")
			.content("{\"contact\": \"" + address + "\"}")).andExpect(status().isAccepted());
		String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail.to(address, 1).get(0));
		java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(body);
		assertThat(code.find()).isTrue();
		mvc.perform(post("/api/v1/auth/family/token").contentType("application/json")
			.content("{\"contact\": \"" + address + "\", \"code\": \"" + code.group(1) + "\"}")).andExpect(status().isOk());

		assertThat(jdbc.sql("""
				select a.last_signed_in_at is not null from accounts.account a
				join accounts.family_link l on l.account_id = a.id where l.guardian_id = ?""").param(guardian)
			.query(Boolean.class).single()).isTrue();
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private List<String> securityLog(Cookie admin, String account) throws Exception {
		return page(get("/security-log").param("account", account).cookie(admin)).select("tbody tr td:nth-child(2)")
			.eachText();
	}

	private String securityLogDetails(Cookie admin, String account) throws Exception {
		return String.join("\n",
				page(get("/security-log").param("account", account).cookie(admin)).select("tbody tr td:nth-child(5)").eachText());
	}

	private UUID accountId(String username) {
		return jdbc.sql("select id from accounts.account where username = ?").param(username).query(UUID.class).single();
	}

	private static List<UUID> orNobody(List<UUID> ids) {
		return ids.isEmpty() ? List.of(new UUID(0, 0)) : ids;
	}

	/** A word followed by eight random letters (no digits, so that it reads as a name). */
	static String unique(String word) {
		StringBuilder letters = new StringBuilder(word);
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int i = 0; i < 8; i++) {
			letters.append((char) ('a' + random.nextInt(26)));
		}
		return letters.toString();
	}
}
