package org.homeroom.directory.oneroster;

/**
 * The checks of an import, in SQL over the staged files and the directory: references between
 * records and the rules between values. Each failure names file, line and column, as an error
 * (the import is refused), a warning (a tolerated variation) or a conflict (a field a family
 * edited, which the SIS would change and the import keeps). Most run before anything is written;
 * those that read what the writes have made so far run between them, called by
 * {@link RosterWrites}.
 */
final class RosterChecks {

	private final RosterStatements statements;

	private final Issues issues;

	RosterChecks(RosterStatements statements, Issues issues) {
		this.statements = statements;
		this.issues = issues;
	}

	/** References and rules between records; each failure names file, line and column. */
	void beforeWriting() {
		for (RosterFile file : RosterFile.values()) {
			error(file.fileName(), "sourcedId", """
					select d.line, 'duplicate-id', array[d.sourced_id, f.first::text]
					from (select sourced_id, min(line) as first from %1$s group by sourced_id having count(*) > 1) f
					join %1$s d on d.sourced_id = f.sourced_id
					where d.line <> f.first""".formatted(file.stageTable()));
		}
		error("orgs.csv", "parentSourcedId", """
				select o.line, 'unknown.org', array[o.parent_sourced_id] from stage_orgs o
				where o.parent_sourced_id is not null
				  and not exists (select 1 from org_ref r where r.sourced_id = o.parent_sourced_id)""");
		error("academicSessions.csv", "parentSourcedId", """
				select s.line, 'unknown.academic-session', array[s.parent_sourced_id] from stage_academic_sessions s
				where s.parent_sourced_id is not null
				  and not exists (select 1 from session_ref r where r.sourced_id = s.parent_sourced_id)""");
		error("academicSessions.csv", "endDate", """
				select line, 'session-ends-before-start', array[end_date::text, start_date::text]
				from stage_academic_sessions where end_date <= start_date""");
		error("courses.csv", "orgSourcedId", """
				select c.line, 'unknown.org', array[c.org_sourced_id] from stage_courses c
				where not exists (select 1 from org_ref r where r.sourced_id = c.org_sourced_id)""");
		error("courses.csv", "schoolYearSourcedId", """
				select c.line, 'unknown.academic-session', array[c.school_year_sourced_id] from stage_courses c
				where c.school_year_sourced_id is not null
				  and not exists (select 1 from session_ref r where r.sourced_id = c.school_year_sourced_id)""");
		error("classes.csv", "courseSourcedId", """
				select c.line, 'unknown.course', array[c.course_sourced_id] from stage_classes c
				where not exists (select 1 from stage_courses r where r.sourced_id = c.course_sourced_id)
				  and not exists (select 1 from directory.course r where r.source_id = c.course_sourced_id)""");
		error("classes.csv", "schoolSourcedId", notASchool("stage_classes", "school_sourced_id"));
		error("classes.csv", "termSourcedIds", """
				select c.line, 'unknown.academic-session', array[trim(t.term)] from stage_classes c,
				  unnest(string_to_array(c.term_sourced_ids, ',')) t(term)
				where trim(t.term) <> '' and not exists (select 1 from session_ref r where r.sourced_id = trim(t.term))""");
		error("users.csv", "role", """
				select line, 'no-role', '{}'::text[] from stage_users where role is null""");
		warn("users.csv", "role", """
				select line, 'user-role-not-imported', array[role]
				from stage_users where role is not null and kind is null""");
		error("users.csv", "orgSourcedIds", """
				select uo.line, 'unknown.org', array[uo.org_sourced_id] from stage_user_orgs uo
				where uo.file = 'users.csv' and not exists (select 1 from org_ref r where r.sourced_id = uo.org_sourced_id)""");
		error("roles.csv", "orgSourcedId", """
				select uo.line, 'unknown.org', array[uo.org_sourced_id] from stage_user_orgs uo
				where uo.file = 'roles.csv' and not exists (select 1 from org_ref r where r.sourced_id = uo.org_sourced_id)""");
		error("roles.csv", "userSourcedId", """
				select r.line, 'unknown.user', array[r.user_sourced_id] from stage_roles r
				where not exists (select 1 from user_ref u where u.sourced_id = r.user_sourced_id)""");
		error("users.csv", "orgSourcedIds", """
				select u.line, 'student-without-school', '{}'::text[] from stage_users u
				where u.kind = 'student' and u.status is distinct from 'tobedeleted'
				  and not exists (select 1 from stage_user_orgs uo join org_ref r on r.sourced_id = uo.org_sourced_id
				                  where uo.user_sourced_id = u.sourced_id and r.type = 'school')""");
		error("users.csv", "agentSourcedIds", """
				select a.line, 'unknown.user', array[a.agent] from stage_agent a
				where not exists (select 1 from user_ref r where r.sourced_id = a.agent)""");
		warn("users.csv", "agentSourcedIds", """
				select a.line, 'agent-of-' || a.kind || '.' || coalesce(r.kind, 'not-imported'), array[a.agent]
				from stage_agent a join user_ref r on r.sourced_id = a.agent
				where a.kind in ('student', 'guardian') and r.kind is distinct from
				      case when a.kind = 'student' then 'guardian' else 'student' end""");
		error("users.csv", "email", """
				select line, 'staff-email-twice', array[email, first::text]
				from (select line, email, min(line) over (partition by email) as first from stage_users
				      where kind = 'staff' and email is not null) d where line <> first""");
		error("users.csv", "email", """
				select u.line, 'staff-email-taken', array[u.email]
				from stage_users u
				where u.kind = 'staff' and u.email is not null
				  and exists (select 1 from directory.staff s where s.email = u.email and s.source_id <> u.sourced_id)""");
		error("enrollments.csv", "classSourcedId", """
				select e.line, 'unknown.class', array[e.class_sourced_id] from stage_enrollments e
				where not exists (select 1 from stage_classes c where c.sourced_id = e.class_sourced_id)
				  and not exists (select 1 from directory.section c where c.source_id = e.class_sourced_id)""");
		error("enrollments.csv", "schoolSourcedId", notASchool("stage_enrollments", "school_sourced_id"));
		error("enrollments.csv", "userSourcedId", """
				select e.line, 'unknown.user', array[e.user_sourced_id] from stage_enrollments e
				where not exists (select 1 from user_ref r where r.sourced_id = e.user_sourced_id)""");
		error("enrollments.csv", "role", """
				select e.line, 'enrolled-as.' || coalesce(r.kind, 'not-imported'), array[e.user_sourced_id, e.role]
				from stage_enrollments e join user_ref r on r.sourced_id = e.user_sourced_id
				where (e.role = 'student' and r.kind is distinct from 'student')
				   or (e.role in ('teacher', 'aide') and r.kind is distinct from 'staff')""");
		warn("enrollments.csv", "role", """
				select line, 'class-role-not-imported', array[role]
				from stage_enrollments where role not in ('student', 'teacher', 'aide')""");
		error("enrollments.csv", "endDate", """
				select line, 'enrolment-ends-before-start', array[end_date::text, begin_date::text]
				from stage_enrollments where end_date < begin_date""");
		error("demographics.csv", "sourcedId", """
				select d.line, 'unknown.demographics-student', array[d.sourced_id]
				from stage_demographics d
				where not exists (select 1 from user_ref r where r.sourced_id = d.sourced_id and r.kind = 'student')""");
		warn("orgs.csv", "type", """
				select line, 'org-type-not-read', array[type]
				from stage_orgs where type not in ('school', 'district')""");
		warn("orgs.csv", "type", """
				select line, 'second-district', array[first::text]
				from (select line, min(line) over () as first from stage_orgs where type = 'district') d
				where line <> first""");
	}

	private String notASchool(String table, String column) {
		return """
				select x.line, case when r.sourced_id is null then 'unknown.org' else 'org-not-a-school' end,
				       array[x.%2$s] || case when r.sourced_id is null then '{}'::text[] else array[r.type] end
				from %1$s x left join org_ref r on r.sourced_id = x.%2$s
				where r.type is distinct from 'school'""".formatted(table, column);
	}

	/**
	 * A term whose school year neither its parents nor the school years sent name gets one made from
	 * its schoolYear column: tolerated, since real delta files often send a term without its year.
	 */
	void schoolYearsFromColumn() {
		warn("academicSessions.csv", "schoolYear", """
				select s.line, 'school-year-from-column', array[s.school_year]
				from stage_academic_sessions s join term_year t using (sourced_id)
				where t.school_year_id is null and s.school_year is not null""");
	}

	/** A term that has no school year even from its schoolYear column cannot be placed. */
	void termsWithoutSchoolYear() {
		error("academicSessions.csv", "parentSourcedId", """
				select line, 'no-school-year', '{}'::text[]
				from term_year where school_year_id is null""");
	}

	/** A language a family chose in Homeroom is kept over the one the SIS sends. */
	void languagesKept() {
		conflict("users.csv", "metadata.language", """
				select u.line, 'language-kept', array[u.sourced_id, g.preferred_language, u.language]
				from stage_users u join directory.guardian g on g.source_id = u.sourced_id
				join directory.family_edit fe on fe.guardian_id = g.id and fe.field_group = 'LANGUAGE'
				where u.kind = 'guardian' and u.language is not null and u.language <> g.preferred_language""");
	}

	/** Contacts a family edited in Homeroom are kept over those the SIS sends. */
	void contactsKept() {
		conflict("users.csv", "email, phone, sms", """
				select sg.line, 'contacts-kept' || case when cur.contacts is null then '.none-kept' when sis.contacts is null then '.none-sent'
				                             else '' end,
				       array[sg.sourced_id, coalesce(cur.contacts, ''), coalesce(sis.contacts, '')]
				from sis_guardian sg
				left join lateral (select string_agg(c.value, ', ' order by c.value) as contacts from directory.contact_point c
				                   where c.guardian_id = sg.guardian_id) cur on true
				left join lateral (select string_agg(s.value, ', ' order by s.value) as contacts from sis_contact s
				                   where s.guardian_id = sg.guardian_id) sis on true
				where sg.edited and cur.contacts is distinct from sis.contacts""");
	}

	private void error(String file, String column, String query) {
		statements.findings(query, (line, name, arguments) -> issues.error(file, line, column, name, arguments));
	}

	private void warn(String file, String column, String query) {
		statements.findings(query, (line, name, arguments) -> issues.warn(file, line, column, name, arguments));
	}

	private void conflict(String file, String column, String query) {
		statements.findings(query, (line, name, arguments) -> issues.conflict(file, line, column, name, arguments));
	}
}
