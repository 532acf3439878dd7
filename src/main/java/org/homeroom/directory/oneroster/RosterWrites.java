package org.homeroom.directory.oneroster;

import static org.homeroom.directory.oneroster.RosterStatements.quoted;

/**
 * The writes of an import: set-based upserts from the staged files into the directory, each of
 * which changes a row only when one of its values changes, so that importing the same files again
 * changes nothing, and notes each record it changes in {@code touched} for the import's counts.
 * A bulk file also deactivates (never deletes) what it no longer lists at the schools it covers.
 * {@link RosterImporter} calls them in order, since each reads what the one before it wrote.
 * Over 400 lines because it is the import's SQL, one statement per rule; split further, a rule
 * would sit apart from the temporary tables it reads.
 */
final class RosterWrites {

	private final RosterStatements statements;

	private final RosterChecks checks;

	private final Issues issues;

	private final RosterManifest manifest;

	RosterWrites(RosterStatements statements, RosterChecks checks, Issues issues, RosterManifest manifest) {
		this.statements = statements;
		this.checks = checks;
		this.issues = issues;
		this.manifest = manifest;
	}

	/** The district and its schools, and which schools this set speaks for. */
	void orgs() {
		statements.touch("district", """
				insert into directory.district as d (id, name, time_zone, source_id)
				select gen_random_uuid(), name, :zone, sourced_id from stage_orgs where type = 'district' order by line limit 1
				on conflict (singleton) do update set name = excluded.name, source_id = excluded.source_id
				where (d.name, d.source_id) is distinct from (excluded.name, excluded.source_id)
				returning d.id, case when xmax = 0 then 'added' else 'updated' end""");
		statements.touch("schools", """
				insert into directory.school as s (id, source_id, name, kind, active)
				select gen_random_uuid(), o.sourced_id, o.name,
				       case when o.name ~* 'high' then 'HIGH' when o.name ~* 'middle' then 'MIDDLE'
				            when o.name ~* 'elementary|primary' then 'ELEMENTARY' else 'OTHER' end,
				       o.status is distinct from 'tobedeleted'
				from stage_orgs o where o.type = 'school'
				on conflict (source_id) do update set name = excluded.name, active = excluded.active
				where (s.name, s.active) is distinct from (excluded.name, excluded.active)
				returning s.id, case when xmax = 0 then 'added' when not s.active then 'deactivated' else 'updated' end""");
		if (manifest.bulk(RosterFile.ORGS)) {
			statements.touch("schools", """
					update directory.school s set active = false
					where s.active and s.source_id is not null
					  and not exists (select 1 from stage_orgs o where o.sourced_id = s.source_id)
					returning s.id, 'deactivated'""");
		}
		statements.sql("""
				create temporary table covered_school on commit drop as
				select s.id from directory.school s
				where s.source_id in (select sourced_id from stage_orgs where type = 'school'
				                      union select school_sourced_id from stage_classes
				                      union select org_sourced_id from stage_user_orgs)""");
	}

	/** School years and terms; a term is placed in its school year however the export names it. */
	void sessions() {
		statements.touch("schoolYears", """
				insert into directory.school_year as y (id, source_id, name, starts_on, ends_on)
				select gen_random_uuid(), sourced_id, title, start_date, end_date
				from stage_academic_sessions where type = 'schoolYear'
				on conflict (source_id) do update set name = excluded.name, starts_on = excluded.starts_on, ends_on = excluded.ends_on
				where (y.name, y.starts_on, y.ends_on) is distinct from (excluded.name, excluded.starts_on, excluded.ends_on)
				returning y.id, case when xmax = 0 then 'added' else 'updated' end""");
		// A term's school year: its parent, its parent's parent, or else the school year whose
		// schoolYear column it shares (exports often leave parentSourcedId empty).
		statements.sql("""
				create temporary table term_year on commit drop as
				select t.line, t.sourced_id, coalesce(
				  (select y.id from directory.school_year y where y.source_id = t.parent_sourced_id),
				  (select tt.school_year_id from directory.term tt where tt.source_id = t.parent_sourced_id
				     and not exists (select 1 from stage_academic_sessions x where x.sourced_id = tt.source_id)),
				  (select y.id from stage_academic_sessions p join directory.school_year y on y.source_id = p.parent_sourced_id
				     where p.sourced_id = t.parent_sourced_id),
				  (select y.id from stage_academic_sessions s join directory.school_year y on y.source_id = s.sourced_id
				     where s.type = 'schoolYear' and s.school_year = t.school_year order by s.line limit 1)) as school_year_id
				from stage_academic_sessions t where t.type <> 'schoolYear'""");
		// Failing all of those, the school year is made from the schoolYear column itself, which
		// 1.1 and 1.2 require: real delta files often send a term without its year.
		checks.schoolYearsFromColumn();
		statements.touch("schoolYears", """
				insert into directory.school_year as y (id, source_id, name, starts_on, ends_on)
				select gen_random_uuid(), 'schoolYear:' || s.school_year, s.school_year, min(s.start_date), max(s.end_date)
				from stage_academic_sessions s join term_year t using (sourced_id)
				where t.school_year_id is null and s.school_year is not null group by s.school_year
				on conflict (source_id) do update set starts_on = least(y.starts_on, excluded.starts_on),
				  ends_on = greatest(y.ends_on, excluded.ends_on)
				where (y.starts_on, y.ends_on) is distinct from
				      (least(y.starts_on, excluded.starts_on), greatest(y.ends_on, excluded.ends_on))
				returning y.id, case when xmax = 0 then 'added' else 'updated' end""");
		statements.sql("""
				update term_year t set school_year_id = y.id
				from stage_academic_sessions s, directory.school_year y
				where t.school_year_id is null and s.sourced_id = t.sourced_id and y.source_id = 'schoolYear:' || s.school_year""");
		checks.termsWithoutSchoolYear();
		if (issues.hasErrors()) {
			return;
		}
		statements.touch("terms", """
				insert into directory.term as t (id, source_id, school_year_id, name, starts_on, ends_on)
				select gen_random_uuid(), s.sourced_id, ty.school_year_id, s.title, s.start_date, s.end_date
				from stage_academic_sessions s join term_year ty on ty.sourced_id = s.sourced_id
				on conflict (source_id) do update set school_year_id = excluded.school_year_id, name = excluded.name,
				  starts_on = excluded.starts_on, ends_on = excluded.ends_on
				where (t.school_year_id, t.name, t.starts_on, t.ends_on)
				      is distinct from (excluded.school_year_id, excluded.name, excluded.starts_on, excluded.ends_on)
				returning t.id, case when xmax = 0 then 'added' else 'updated' end""");
	}

	void courses() {
		statements.touch("courses", """
				insert into directory.course as c (id, source_id, title, course_code, active)
				select gen_random_uuid(), sourced_id, title, course_code, status is distinct from 'tobedeleted'
				from stage_courses
				on conflict (source_id) do update set title = excluded.title, course_code = excluded.course_code,
				  active = excluded.active
				where (c.title, c.course_code, c.active) is distinct from (excluded.title, excluded.course_code, excluded.active)
				returning c.id, case when xmax = 0 then 'added' when not c.active then 'deactivated' else 'updated' end""");
	}

	void classes() {
		statements.touch("classes", """
				insert into directory.section as x (id, source_id, school_id, term_id, title, course_code, active)
				select gen_random_uuid(), c.sourced_id, s.id,
				       (select t.id from unnest(string_to_array(c.term_sourced_ids, ',')) with ordinality n(term, position)
				        join directory.term t on t.source_id = trim(n.term) order by n.position limit 1),
				       c.title, co.course_code, c.status is distinct from 'tobedeleted'
				from stage_classes c join directory.school s on s.source_id = c.school_sourced_id
				left join directory.course co on co.source_id = c.course_sourced_id
				on conflict (source_id) do update set school_id = excluded.school_id, term_id = excluded.term_id,
				  title = excluded.title, course_code = excluded.course_code, active = excluded.active
				where (x.school_id, x.term_id, x.title, x.course_code, x.active)
				      is distinct from (excluded.school_id, excluded.term_id, excluded.title, excluded.course_code, excluded.active)
				returning x.id, case when xmax = 0 then 'added' when not x.active then 'deactivated' else 'updated' end""");
		if (manifest.bulk(RosterFile.CLASSES)) {
			statements.touch("classes", """
					update directory.section x set active = false
					where x.active and x.source_id is not null and x.school_id in (select id from covered_school)
					  and not exists (select 1 from stage_classes c where c.sourced_id = x.source_id)
					returning x.id, 'deactivated'""");
		}
	}

	/** Students, and the school each is enrolled at from today. */
	void students() {
		statements.touch("students", """
				insert into directory.student as x (id, source_id, given_name, family_name, grade, birth_date, active)
				select gen_random_uuid(), u.sourced_id, u.given_name, u.family_name, coalesce(u.grade, 'Other'),
				       dm.birth_date, u.status is distinct from 'tobedeleted'
				from stage_users u left join stage_demographics dm on dm.sourced_id = u.sourced_id
				where u.kind = 'student'
				on conflict (source_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
				  grade = excluded.grade, active = excluded.active, version = x.version + 1
				where (x.given_name, x.family_name, x.grade, x.active)
				      is distinct from (excluded.given_name, excluded.family_name, excluded.grade, excluded.active)
				returning x.id, case when xmax = 0 then 'added' when not x.active then 'deactivated' else 'updated' end""");
		// Enrolled, from today, at the first school among the student's orgs; an enrolment at
		// another school ends the day before, so that a transfer is exact to the day.
		statements.sql("""
				create temporary table student_school on commit drop as
				select distinct on (x.id) x.id as student_id, s.id as school_id
				from stage_users u join directory.student x on x.source_id = u.sourced_id
				join stage_user_orgs uo on uo.user_sourced_id = u.sourced_id
				join directory.school s on s.source_id = uo.org_sourced_id
				where u.kind = 'student' and u.status is distinct from 'tobedeleted'
				order by x.id, uo.position, uo.line""");
		statements.touch("students", """
				update directory.enrolment e set ends_on = :yesterday
				from student_school ss
				where e.student_id = ss.student_id and e.school_id <> ss.school_id
				  and (e.ends_on is null or e.ends_on >= :today) and e.starts_on < :today
				returning e.student_id, 'updated'""");
		// An enrolment made today and moved today was a mistake of the day, not a period at a school.
		statements.touch("students", """
				delete from directory.enrolment e using student_school ss
				where e.student_id = ss.student_id and e.school_id <> ss.school_id and e.starts_on >= :today
				returning e.student_id, 'updated'""");
		// EXCEPT rather than NOT EXISTS: on a first import the table looks empty to the planner,
		// which then scans it once per student while the insert grows it, quadratic in students.
		statements.touch("students", """
				insert into directory.enrolment (id, student_id, school_id, starts_on)
				select gen_random_uuid(), m.student_id, m.school_id, :today
				from (select student_id, school_id from student_school
				      except
				      select student_id, school_id from directory.enrolment
				      where starts_on <= :today and (ends_on is null or ends_on >= :today)) m
				returning student_id, 'updated'""");
	}

	/** Staff, and the schools where each works in which role. */
	void staff() {
		// A member of staff entered by hand before the SIS sent them is the same person when the
		// e-mail address matches: the record is adopted rather than duplicated.
		statements.touch("staff", """
				update directory.staff s set source_id = u.sourced_id from stage_users u
				where u.kind = 'staff' and s.source_id is null and s.email = u.email
				  and not exists (select 1 from directory.staff o where o.source_id = u.sourced_id)
				returning s.id, 'updated'""");
		statements.touch("staff", """
				insert into directory.staff as s (id, source_id, given_name, family_name, email, active)
				select gen_random_uuid(), u.sourced_id, u.given_name, u.family_name, u.email,
				       u.status is distinct from 'tobedeleted'
				from stage_users u where u.kind = 'staff'
				on conflict (source_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
				  email = excluded.email, active = excluded.active
				where (s.given_name, s.family_name, s.email, s.active)
				      is distinct from (excluded.given_name, excluded.family_name, excluded.email, excluded.active)
				returning s.id, case when xmax = 0 then 'added' when not s.active then 'deactivated' else 'updated' end""");
		statements.sql("""
				create temporary table staff_role on commit drop as
				select distinct x.id as staff_id, s.id as school_id,
				       case when uo.role in ('teacher', 'aide') then 'TEACHER' when uo.role = 'counselor' then 'COUNSELOR'
				            else 'SCHOOL_ADMIN' end as role
				from stage_user_orgs uo join stage_users u on u.sourced_id = uo.user_sourced_id and u.kind = 'staff'
				join directory.staff x on x.source_id = u.sourced_id
				join directory.school s on s.source_id = uo.org_sourced_id
				where uo.role in (%s) and uo.role <> 'districtAdministrator'""".formatted(quoted(RosterImporter.STAFF_ROLES)));
		statements.touch("staff", """
				insert into directory.staff_assignment (staff_id, school_id, role)
				select staff_id, school_id, role from staff_role on conflict do nothing
				returning staff_id, 'updated'""");
		statements.touch("staff", """
				delete from directory.staff_assignment a
				using directory.staff x, stage_users u
				where a.staff_id = x.id and x.source_id = u.sourced_id and u.kind = 'staff'
				  and a.role in ('TEACHER', 'SCHOOL_ADMIN', 'COUNSELOR')
				  and not exists (select 1 from staff_role r where r.staff_id = a.staff_id and r.school_id = a.school_id
				                  and r.role = a.role)
				returning a.staff_id, 'updated'""");
	}

	/** Guardians and their contacts, keeping what a family edited in Homeroom. */
	void guardians() {
		checks.languagesKept();
		statements.touch("guardians", """
				insert into directory.guardian as g (id, source_id, given_name, family_name, preferred_language, active)
				select gen_random_uuid(), u.sourced_id, u.given_name, u.family_name,
				       case when fe.guardian_id is not null then cur.preferred_language
				            else coalesce(u.language, cur.preferred_language, 'en') end,
				       u.status is distinct from 'tobedeleted'
				from stage_users u left join directory.guardian cur on cur.source_id = u.sourced_id
				left join directory.family_edit fe on fe.guardian_id = cur.id and fe.field_group = 'LANGUAGE'
				where u.kind = 'guardian'
				on conflict (source_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
				  preferred_language = excluded.preferred_language, active = excluded.active, version = g.version + 1
				where (g.given_name, g.family_name, g.preferred_language, g.active)
				      is distinct from (excluded.given_name, excluded.family_name, excluded.preferred_language, excluded.active)
				returning g.id, case when xmax = 0 then 'added' when not g.active then 'deactivated' else 'updated' end""");
		statements.sql("""
				create temporary table sis_guardian on commit drop as
				select g.id as guardian_id, u.line, u.sourced_id,
				       exists (select 1 from directory.family_edit fe where fe.guardian_id = g.id and fe.field_group = 'CONTACTS') as edited
				from stage_users u join directory.guardian g on g.source_id = u.sourced_id where u.kind = 'guardian'""");
		statements.sql("""
				create temporary table sis_contact on commit drop as
				select distinct on (sg.guardian_id, c.kind, c.value) sg.guardian_id, c.kind, c.value, c.valid, c.position, sg.edited
				from sis_guardian sg join stage_users u on u.sourced_id = sg.sourced_id
				cross join lateral (values ('EMAIL', u.email, true, 0), ('PHONE', u.phone, u.phone_valid::boolean, 1),
				                           ('PHONE', u.sms, u.sms_valid::boolean, 2)) c(kind, value, valid, position)
				where c.value is not null
				order by sg.guardian_id, c.kind, c.value, c.position""");
		statements.sql("create index on sis_contact (guardian_id)");
		checks.contactsKept();
		statements.touch("guardians", """
				delete from directory.contact_point c using sis_guardian sg
				where sg.guardian_id = c.guardian_id and not sg.edited
				  and not exists (select 1 from sis_contact s where s.guardian_id = c.guardian_id and s.kind = c.kind
				                  and s.value = c.value)
				returning c.guardian_id, 'updated'""");
		statements.touch("guardians", """
				insert into directory.contact_point as c (id, guardian_id, kind, value, valid, position, verified)
				select gen_random_uuid(), guardian_id, kind, value, valid, position, true from sis_contact where not edited
				on conflict (guardian_id, kind, value) do update set valid = excluded.valid, position = excluded.position,
				  verified = true
				where (c.valid, c.position, c.verified) is distinct from (excluded.valid, excluded.position, true)
				returning c.guardian_id, 'updated'""");
	}

	/**
	 * A bulk users file lists everyone at the schools it covers: whoever it no longer lists is
	 * deactivated (never deleted), students by their enrolment, guardians by their children,
	 * staff by where they work.
	 */
	void deactivateUnlisted() {
		if (!manifest.bulk(RosterFile.USERS)) {
			return;
		}
		statements.touch("students", """
				update directory.student x set active = false, version = x.version + 1
				where x.active and x.source_id is not null
				  and not exists (select 1 from stage_users u where u.sourced_id = x.source_id)
				  and exists (select 1 from directory.enrolment e join covered_school c on c.id = e.school_id
				              where e.student_id = x.id and (e.ends_on is null or e.ends_on >= :today))
				returning x.id, 'deactivated'""");
		statements.touch("guardians", """
				update directory.guardian g set active = false, version = g.version + 1
				where g.active and g.source_id is not null
				  and not exists (select 1 from stage_users u where u.sourced_id = g.source_id)
				  and exists (select 1 from directory.guardianship l
				              join directory.enrolment e on e.student_id = l.student_id
				              join covered_school c on c.id = e.school_id
				              where l.guardian_id = g.id and (e.ends_on is null or e.ends_on >= :today))
				returning g.id, 'deactivated'""");
		statements.touch("staff", """
				update directory.staff s set active = false
				where s.active and s.source_id is not null
				  and not exists (select 1 from stage_users u where u.sourced_id = s.source_id)
				  and exists (select 1 from directory.staff_assignment a join covered_school c on c.id = a.school_id
				              where a.staff_id = s.id)
				returning s.id, 'deactivated'""");
	}

	/** Links named on either side (a student's agents, a guardian's agents) are one set. */
	void guardianships() {
		statements.sql("""
				create temporary table sis_link on commit drop as
				select distinct on (g.id, x.id) g.id as guardian_id, x.id as student_id,
				       case gu.role when 'parent' then 'PARENT' when 'guardian' then 'GUARDIAN' when 'relative' then 'RELATIVE'
				       end as relationship
				from (select agent as guardian_source, sourced_id as student_source from stage_agent where kind = 'student'
				      union all
				      select sourced_id, agent from stage_agent where kind = 'guardian') p
				join directory.guardian g on g.source_id = p.guardian_source
				join directory.student x on x.source_id = p.student_source
				left join stage_users gu on gu.sourced_id = p.guardian_source and gu.kind = 'guardian'
				order by g.id, x.id""");
		statements.sql("create index on sis_link (guardian_id, student_id)");
		statements.touch("guardianships", """
				insert into directory.guardianship as l (guardian_id, student_id, relationship)
				select guardian_id, student_id, coalesce(relationship, 'OTHER') from sis_link
				on conflict (guardian_id, student_id) do update set relationship = excluded.relationship
				where l.relationship is distinct from excluded.relationship
				  and excluded.relationship <> 'OTHER'
				returning l.guardian_id || '/' || l.student_id, case when xmax = 0 then 'added' else 'updated' end""");
		if (manifest.bulk(RosterFile.USERS)) {
			statements.analyze("guardianship");
			statements.touch("guardianships", """
					delete from directory.guardianship l using directory.guardian g, directory.student x
					where g.id = l.guardian_id and x.id = l.student_id and g.source_id is not null and x.source_id is not null
					  and (exists (select 1 from stage_users u where u.sourced_id = x.source_id and u.kind = 'student')
					       or exists (select 1 from stage_users u where u.sourced_id = g.source_id and u.kind = 'guardian'))
					  and not exists (select 1 from sis_link s where s.guardian_id = l.guardian_id and s.student_id = l.student_id)
					returning l.guardian_id || '/' || l.student_id, 'deactivated'""");
		}
	}

	/** Who is in each class, as a student, a teacher or an aide. */
	void enrolments() {
		// Without a beginDate, an enrolment already on file keeps its start, so that the same
		// file tomorrow is the same enrolment; a new one starts today.
		statements.sql("""
				create temporary table sis_enrolment on commit drop as
				select distinct on (section_id, student_id, starts_on) section_id, student_id, starts_on, ends_on, deleted
				from (select x.id as section_id, st.id as student_id,
				             coalesce(e.begin_date, cur.starts_on, cast(:today as date)) as starts_on, e.end_date as ends_on,
				             e.status is not distinct from 'tobedeleted' as deleted, e.line
				      from stage_enrollments e join directory.section x on x.source_id = e.class_sourced_id
				      join directory.student st on st.source_id = e.user_sourced_id
				      left join (select section_id, student_id, max(starts_on) as starts_on
				                 from directory.section_enrolment group by section_id, student_id) cur
				        on e.begin_date is null and cur.section_id = x.id and cur.student_id = st.id
				      where e.role = 'student') e
				order by section_id, student_id, starts_on, line""", true);
		statements.touch("classEnrolments", """
				insert into directory.section_enrolment as se (section_id, student_id, starts_on, ends_on)
				select section_id, student_id, starts_on, ends_on from sis_enrolment where not deleted
				on conflict (section_id, student_id, starts_on) do update set ends_on = excluded.ends_on
				where se.ends_on is distinct from excluded.ends_on
				returning se.section_id || '/' || se.student_id || '/' || se.starts_on,
				          case when xmax = 0 then 'added' else 'updated' end""");
		statements.touch("classEnrolments", """
				update directory.section_enrolment se set ends_on = greatest(se.starts_on, cast(:yesterday as date))
				from sis_enrolment s
				where s.deleted and se.section_id = s.section_id and se.student_id = s.student_id
				  and (se.ends_on is null or se.ends_on >= :today)
				returning se.section_id || '/' || se.student_id || '/' || se.starts_on, 'deactivated'""");
		statements.sql("""
				create temporary table sis_teacher on commit drop as
				select distinct x.id as section_id, s.id as staff_id, e.status is not distinct from 'tobedeleted' as deleted
				from stage_enrollments e join directory.section x on x.source_id = e.class_sourced_id
				join directory.staff s on s.source_id = e.user_sourced_id
				where e.role in ('teacher', 'aide')""");
		statements.touch("classTeachers", """
				insert into directory.section_teacher (section_id, staff_id)
				select section_id, staff_id from sis_teacher where not deleted on conflict do nothing
				returning section_id || '/' || staff_id, 'added'""");
		statements.touch("classTeachers", """
				delete from directory.section_teacher t using sis_teacher s
				where s.deleted and t.section_id = s.section_id and t.staff_id = s.staff_id
				returning t.section_id || '/' || t.staff_id, 'deactivated'""");
		if (manifest.bulk(RosterFile.ENROLLMENTS)) {
			statements.analyze("section_enrolment", "section_teacher");
			statements.touch("classEnrolments", """
					update directory.section_enrolment se set ends_on = greatest(se.starts_on, cast(:yesterday as date))
					from directory.section x
					where x.id = se.section_id and x.source_id is not null and x.school_id in (select id from covered_school)
					  and (se.ends_on is null or se.ends_on >= :today)
					  and not exists (select 1 from sis_enrolment s where s.section_id = se.section_id
					                  and s.student_id = se.student_id and s.starts_on = se.starts_on and not s.deleted)
					returning se.section_id || '/' || se.student_id || '/' || se.starts_on, 'deactivated'""");
			statements.touch("classTeachers", """
					delete from directory.section_teacher t using directory.section x
					where x.id = t.section_id and x.source_id is not null and x.school_id in (select id from covered_school)
					  and not exists (select 1 from sis_teacher s where s.section_id = t.section_id and s.staff_id = t.staff_id
					                  and not s.deleted)
					returning t.section_id || '/' || t.staff_id, 'deactivated'""");
		}
	}

	void demographics() {
		statements.touch("demographics", """
				insert into directory.student_demographics as d (student_id, sex, hispanic_or_latino, races)
				select x.id, dm.sex, cast(dm.hispanic as boolean),
				       array_remove(array[
				         case when dm.american_indian = 'true' then 'AmericanIndianOrAlaskaNative' end,
				         case when dm.asian = 'true' then 'Asian' end,
				         case when dm.black = 'true' then 'BlackOrAfricanAmerican' end,
				         case when dm.pacific_islander = 'true' then 'NativeHawaiianOrOtherPacificIslander' end,
				         case when dm.white = 'true' then 'White' end,
				         case when dm.two_or_more = 'true' then 'DemographicRaceTwoOrMoreRaces' end], null)
				from stage_demographics dm join directory.student x on x.source_id = dm.sourced_id
				on conflict (student_id) do update set sex = excluded.sex, hispanic_or_latino = excluded.hispanic_or_latino,
				  races = excluded.races
				where (d.sex, d.hispanic_or_latino, d.races) is distinct from (excluded.sex, excluded.hispanic_or_latino, excluded.races)
				returning d.student_id, case when xmax = 0 then 'added' else 'updated' end""");
		// A student added by this import took their birth date as they were added; this changes it
		// for those already on file.
		statements.touch("students", """
				update directory.student x set birth_date = dm.birth_date, version = x.version + 1
				from stage_demographics dm where x.source_id = dm.sourced_id and x.birth_date is distinct from dm.birth_date
				returning x.id, 'updated'""");
	}
}
