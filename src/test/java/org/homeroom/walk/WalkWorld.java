package org.homeroom.walk;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.SignIn;
import org.homeroom.accounts.StaffAccounts;
import org.homeroom.directory.Districts;
import org.homeroom.shared.LanguageTag;
import org.homeroom.tasks.ATask;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The world the endpoint walk runs in. Roosevelt High holds "their" records: a student with a class,
 * a guardian with a family account, a restriction, a task, an announcement and a template, a
 * staff member with an account, a token, a session and a remembered device, and an import. The
 * callers hold no relationship to any of it: staff of Lincoln Middle in every role, a teacher of a
 * third school, a family of another child, and nobody signed in. A district administrator is
 * related to every record of the district, but not to another person's own account.
 */
final class WalkWorld {

	static final String DISTRICT_ADMIN = "district admin";

	static final String SCHOOL_ADMIN = "school admin";

	static final String TEACHER = "teacher";

	static final String COUNSELLOR = "counsellor";

	static final String FAMILY_LIAISON = "family liaison";

	static final String ATTENDANCE_OFFICER = "attendance officer";

	static final String THIRD_SCHOOL = "staff of a third school";

	static final String ANOTHER_FAMILY = "another family";

	static final String ANONYMOUS = "anonymous";

	/** Related callers, for the controls only: the family and the teacher whose own records are walked. */
	static final String THEIR_FAMILY = "their family";

	static final String THEIR_TEACHER = "their teacher";

	/** Every staff caller, district administrator included. */
	static final Set<String> STAFF = Set.of(DISTRICT_ADMIN, SCHOOL_ADMIN, TEACHER, COUNSELLOR, FAMILY_LIAISON,
			ATTENDANCE_OFFICER, THIRD_SCHOOL);

	/** Everyone signed in. */
	static final Set<String> SIGNED_IN = Set.of(DISTRICT_ADMIN, SCHOOL_ADMIN, TEACHER, COUNSELLOR, FAMILY_LIAISON,
			ATTENDANCE_OFFICER, THIRD_SCHOOL, ANOTHER_FAMILY);

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	/** A caller: how a page request and an API request carry who they are. */
	record Caller(String name, RequestPostProcessor pages, RequestPostProcessor api) {

		boolean anonymous() {
			return ANONYMOUS.equals(name);
		}
	}

	final Map<String, Caller> callers = new LinkedHashMap<>();

	final Map<String, Caller> owners = new LinkedHashMap<>();

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	UUID lincoln;

	UUID roosevelt;

	/** Their student, at Roosevelt, in their class. */
	UUID student;

	String studentName;

	UUID theirClass;

	/** Their student's guardian, with a family account, a verified e-mail and a restriction. */
	UUID guardian;

	String guardianEmail;

	UUID guardianContact;

	UUID familyAccount;

	UUID restriction;

	/**
	 * Their student's other guardian, with a family account: the one the walk tries to take over, kept
	 * apart so that a hole there (issue 15, finding 1) does not spill into the other cases.
	 */
	UUID attackedGuardian;

	/** A guardian of the other family's child, whom a caller might try to link to their student. */
	UUID ourGuardian;

	UUID task;

	UUID announcement;

	UUID template;

	/** A message in their family's inbox. */
	UUID delivery;

	String deliverySubject;

	String theirPrincipal;

	/** Their teacher: a staff record with an account, a token, a session and a remembered device. */
	UUID theirStaff;

	String theirStaffEmail;

	UUID theirAccount;

	UUID theirToken;

	String theirSession;

	String theirDevice;

	/** A member of their staff with an address and no account yet, whom an invitation would reach. */
	UUID uninvitedStaff;

	String uninvitedName;

	UUID rosterImport;

	void build(MockMvc mvc, JdbcClient jdbc, Accounts accounts, LocalDate today) throws Exception {
		Districts given = Districts.in(jdbc);
		lincoln = given.school("Walk Lincoln " + tag);
		roosevelt = given.school("Walk Roosevelt " + tag);
		UUID washington = given.school("Walk Washington " + tag);

		studentName = "Walkthem" + tag;
		student = given.aStudent(studentName).inGrade("08").enrolledAt(roosevelt, today.minusMonths(3)).id();
		theirClass = given.aSection("Their maths " + tag).at(roosevelt).id();
		given.enrolInSection(theirClass, student, today.minusMonths(3), null);

		guardianEmail = "walk.their-family." + tag + "@family.test";
		guardian = given.aGuardian("Walkparent" + tag).ofStudent(student).withEducationalRights()
			.reachableByEmail(guardianEmail)
			.id();
		guardianContact = jdbc.sql("select id from directory.contact_point where guardian_id = ?").param(guardian)
			.query(UUID.class).single();
		familyAccount = familyAccount(jdbc, guardian);
		restriction = given.restrict(guardian, student, "NO_PICKUP", today.minusDays(1), null);
		attackedGuardian = given.aGuardian("Walkattacked" + tag).ofStudent(student).withEducationalRights()
			.reachableByEmail("walk.attacked." + tag + "@family.test")
			.id();
		familyAccount(jdbc, attackedGuardian);

		theirPrincipal = "walk.their-principal." + tag + "@district.test";
		given.assign(given.staff("Theirprincipal", theirPrincipal), roosevelt, "SCHOOL_ADMIN");
		theirStaffEmail = "walk.their-teacher." + tag + "@district.test";
		theirStaff = given.staff("Theirteacher" + tag, theirStaffEmail);
		given.assign(theirStaff, roosevelt, "TEACHER");
		given.teach(theirClass, theirStaff);
		accounts.createStaff(theirStaffEmail, "Their teacher", StaffAccounts.PASSWORD, LanguageTag.ENGLISH, Set.of(Role.TEACHER));
		theirAccount = jdbc.sql("select id from accounts.account where username = ?").param(theirStaffEmail)
			.query(UUID.class).single();
		uninvitedName = "Walkuninvited" + tag;
		uninvitedStaff = given.staff(uninvitedName, "walk.uninvited." + tag + "@district.test");
		given.assign(uninvitedStaff, roosevelt, "TEACHER");

		RequestPostProcessor principal = user(theirPrincipal).roles("SCHOOL_ADMIN");
		RequestPostProcessor teacher = user(theirStaffEmail).roles("TEACHER");
		Cookie teacherSession = SignIn.as(mvc, theirStaffEmail);
		owners.put(THEIR_TEACHER, new Caller(THEIR_TEACHER, request -> {
			request.setCookies(teacherSession);
			return request;
		}, teacher));
		// Made on the page, which works whatever the two-step rule another test left behind.
		mvc.perform(post("/account/tokens").param("name", "their laptop").param("expiresInDays", "90").cookie(teacherSession)
			.with(csrf()));
		theirToken = jdbc.sql("select id from accounts.api_token where account_id = ?").param(theirAccount)
			.query(UUID.class).single();
		RequestPostProcessor theirFamily = user("family:" + familyAccount).roles("FAMILY");
		owners.put(THEIR_FAMILY, new Caller(THEIR_FAMILY, theirFamily, theirFamily));
		theirSession = jdbc.sql("select primary_id from spring_session where principal_name = ?").param(theirStaffEmail)
			.query(String.class).single();
		theirDevice = "walkdevice" + tag;
		jdbc.sql("insert into persistent_logins (username, series, token, last_used) values (?, ?, 'token', now())")
			.params(theirStaffEmail, theirDevice).update();

		task = ATask.titled("Call their family").about(student).openedBy(theirPrincipal).insertInto(jdbc);
		announcement = created(mvc, post("/api/v1/announcements").with(principal), """
				{"audience": {"schoolIds": ["%s"]}, "subject": "Their trip", "body": "Bring a coat.", "category": "EVENT",
				 "channels": ["IN_APP"], "scheduledAt": "%s"}""".formatted(roosevelt, Instant.now().plus(30, ChronoUnit.DAYS)));
		template = created(mvc, post("/api/v1/announcement-templates").with(principal), """
				{"schoolId": "%s", "name": "Their template %s", "category": "GENERAL", "subject": "Hello",
				 "body": "Dear {guardianName}"}""".formatted(roosevelt, tag));
		deliverySubject = "Their inbox message " + tag;
		delivery = deliveredMessage(jdbc, guardian, deliverySubject);

		rosterImport = UUID.randomUUID();
		jdbc.sql("""
				insert into directory.roster_import (id, started_at, heartbeat_at, finished_at, status, dry_run, forced, source_name,
				                                    started_by)
				values (?, now(), now(), now(), 'COMPLETED', false, false, 'their-nightly.zip', 'someone@district.test')""")
			.param(rosterImport).update();

		// The callers' side: Lincoln's staff in every role, a third school's teacher, another family.
		UUID ourStudent = given.aStudent("Walkours" + tag).inGrade("07").enrolledAt(lincoln, today.minusMonths(3)).id();
		UUID ourClass = given.aSection("Our maths " + tag).at(lincoln).id();
		given.enrolInSection(ourClass, ourStudent, today.minusMonths(3), null);
		ourGuardian = given.aGuardian("Walkourparent" + tag).ofStudent(ourStudent).withEducationalRights()
			.reachableByEmail("walk.our-family." + tag + "@family.test")
			.id();

		staffCaller(mvc, given, accounts, DISTRICT_ADMIN, null, Role.DISTRICT_ADMIN, null);
		staffCaller(mvc, given, accounts, SCHOOL_ADMIN, lincoln, Role.SCHOOL_ADMIN, null);
		staffCaller(mvc, given, accounts, TEACHER, lincoln, Role.TEACHER, ourClass);
		staffCaller(mvc, given, accounts, COUNSELLOR, lincoln, Role.COUNSELOR, null);
		staffCaller(mvc, given, accounts, FAMILY_LIAISON, lincoln, Role.FAMILY_LIAISON, null);
		staffCaller(mvc, given, accounts, ATTENDANCE_OFFICER, lincoln, Role.ATTENDANCE_OFFICER, null);
		staffCaller(mvc, given, accounts, THIRD_SCHOOL, washington, Role.TEACHER, null);
		RequestPostProcessor family = user("family:" + familyAccount(jdbc, ourGuardian)).roles("FAMILY");
		callers.put(ANOTHER_FAMILY, new Caller(ANOTHER_FAMILY, family, family));
		callers.put(ANONYMOUS, new Caller(ANONYMOUS, request -> request, request -> request));
	}

	/**
	 * A member of staff with a directory record and an account, signed in through the real forms
	 * (with a second step for administrators) for pages; the API sees the same name and role.
	 */
	private void staffCaller(MockMvc mvc, Districts given, Accounts accounts, String name, UUID school, Role role,
			UUID teaches) throws Exception {
		String email = "walk." + name.replace(' ', '-') + "." + tag + "@district.test";
		UUID staff = given.staff("Walk" + name.replace(" ", ""), email);
		if (school != null) {
			given.assign(staff, school, role.name());
		}
		if (teaches != null) {
			given.teach(teaches, staff);
		}
		accounts.createStaff(email, "Walk " + name, StaffAccounts.PASSWORD, LanguageTag.ENGLISH, Set.of(role));
		Cookie session = SignIn.as(mvc, email);
		callers.put(name, new Caller(name, request -> {
			request.setCookies(session);
			return request;
		}, user(email).roles(role.name())));
	}

	private static UUID familyAccount(JdbcClient jdbc, UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Walk family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return account;
	}

	/** A released announcement with one message in the guardian's inbox, unread. */
	private static UUID deliveredMessage(JdbcClient jdbc, UUID guardian, String subject) {
		UUID released = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience,
				                                    status, scheduled_at, released_at, created_at)
				values (?, 'walk.their-principal@district.test', array['SCHOOL_ADMIN'], ?, 'Inside.', 'GENERAL',
				        array['IN_APP'], '{}'::jsonb, 'RELEASED', ?, ?, ?)""")
			.params(released, subject, now, now, now).update();
		UUID delivery = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, guardian_name, child_names,
				                                status, attempts, next_attempt_at, sent_at)
				values (?, ?, ?, 'IN_APP', 'en', 'Walk parent', 'Walk child', 'SENT', 1, ?, ?)""")
			.params(delivery, released, guardian, now, now).update();
		return delivery;
	}

	private static UUID created(MockMvc mvc, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String json) throws Exception {
		var response = mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse();
		Matcher id = ID.matcher(response.getContentAsString());
		if (response.getStatus() != 201 || !id.find()) {
			throw new IllegalStateException("The walk's fixture was not created: " + response.getStatus() + " "
					+ response.getContentAsString());
		}
		return UUID.fromString(id.group(1));
	}

	Caller caller(String name) {
		return callers.containsKey(name) ? callers.get(name) : owners.get(name);
	}

	List<String> callerNames() {
		return List.copyOf(callers.keySet());
	}
}
