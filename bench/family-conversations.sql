-- bench/family-home.sh: for every family with an account (the token and sign-in families), one
-- thread per child with one of the child's teachers, of 10 messages, the teacher's and the
-- family's in turn; the last is the teacher's and unread, as after a morning of replies. Families
-- that have threads already are left as they are, so the script runs it after every sign-in round.
begin;
create temporary table bench_thread on commit drop as
select distinct on (l.guardian_id, g.student_id)
       gen_random_uuid() as id, l.guardian_id, g.student_id, e.school_id, st.staff_id,
       gu.given_name || ' ' || gu.family_name as guardian_name, sf.given_name || ' ' || sf.family_name as staff_name,
       now() - interval '2 days' as started_at
from accounts.family_link l
join directory.guardian gu on gu.id = l.guardian_id
join directory.guardianship g on g.guardian_id = l.guardian_id
join directory.enrolment e on e.student_id = g.student_id and e.ends_on is null
join directory.section_enrolment se on se.student_id = g.student_id
join directory.section_teacher st on st.section_id = se.section_id
join directory.staff sf on sf.id = st.staff_id
where not exists (select 1 from messaging.conversation_guardian cg where cg.guardian_id = l.guardian_id)
order by l.guardian_id, g.student_id, st.staff_id;

insert into messaging.conversation (id, student_id, school_id, staff_id, addressed_to, shared, started_by, status,
                                    last_author_side, created_at, last_activity_at)
select id, student_id, school_id, staff_id, 'STAFF', false, 'STAFF', 'OPEN', 'STAFF', started_at,
       started_at + interval '9 hours'
from bench_thread;
insert into messaging.conversation_guardian (conversation_id, guardian_id) select id, guardian_id from bench_thread;
insert into messaging.conversation_message (id, conversation_id, author_side, author_staff_id, author_guardian_id,
                                            author_name, author_role, body, created_at, delivered_at, read_at)
select gen_random_uuid(), t.id,
       case when n % 2 = 0 then 'STAFF' else 'GUARDIAN' end,
       case when n % 2 = 0 then t.staff_id end,
       case when n % 2 = 1 then t.guardian_id end,
       case when n % 2 = 0 then t.staff_name else t.guardian_name end,
       case when n % 2 = 0 then 'TEACHER' else 'GUARDIAN' end,
       'Message ' || (n + 1) || ' about the reading log, the field trip form and next week''s spelling words.',
       t.started_at + n * interval '1 hour', t.started_at + n * interval '1 hour',
       case when n < 8 then t.started_at + n * interval '1 hour' + interval '5 minutes' end
from bench_thread t cross join generate_series(0, 9) as n;
select 'conversations: threads=' || (select count(*) from bench_thread)
       || ' messages=' || (select count(*) from bench_thread) * 10;
commit;
analyze messaging.conversation;
analyze messaging.conversation_guardian;
analyze messaging.conversation_message;
