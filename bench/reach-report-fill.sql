-- Twelve district-wide announcements, one every 3 days back from now (nine of them within the last 30
-- days), each to every guardian by in-app and e-mail, about 3% failed; their translations by
-- language as a release stores them (English ORIGINAL, Somali and Haitian Creole UNTRANSLATED, the
-- rest MACHINE). For bench/reach-report.sh, on a district made by bench/generate-district.sh.
insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience, status, scheduled_at, released_at, created_at)
select gen_random_uuid(), 'bench@district.test', array['DISTRICT_ADMIN'], 'Bench ' || n, 'Body', 'GENERAL', array['IN_APP','EMAIL'],
       '{"district": true}'::jsonb, 'RELEASED', now() - (n * interval '3 days'), now() - (n * interval '3 days'), now() - (n * interval '3 days')
from generate_series(1, 12) n;
insert into messaging.recipient (announcement_id, guardian_id, student_id, guardian_name, student_name, language)
select a.id, g.guardian_id, g.student_id, 'G', 'S', gu.preferred_language
from messaging.announcement a cross join directory.guardianship g join directory.guardian gu on gu.id = g.guardian_id;
insert into messaging.announcement_translation (announcement_id, language, subject, body, kind, engine, created_at)
select a.id, l.language, 's', 'b', case when l.language like 'en%' then 'ORIGINAL' when l.language like 'so%' or l.language like 'ht%' then 'UNTRANSLATED' else 'MACHINE' end,
       case when l.language like 'en%' or l.language like 'so%' or l.language like 'ht%' then null else 'libretranslate' end, now()
from messaging.announcement a cross join (select distinct preferred_language as language from directory.guardian where preferred_language is not null) l;
insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, address, guardian_name, child_names, status, next_attempt_at, sent_at)
select gen_random_uuid(), r.announcement_id, r.guardian_id, ch, min(r.language), case when ch = 'EMAIL' then 'x@y.example' end, 'G', 'S',
       case when random() < 0.03 then 'FAILED' else 'SENT' end, a.released_at, a.released_at
from messaging.recipient r join messaging.announcement a on a.id = r.announcement_id cross join unnest(array['IN_APP','EMAIL']) ch
group by r.announcement_id, r.guardian_id, ch, a.released_at;
analyze;
select count(*) from messaging.delivery;
