-- 34 CFR 99.32 asks for a record of each disclosure kept with the student's own record, so a list,
-- search or report is now written as one row for each student it showed (student_count still says
-- how many it showed in all). Rows written before this, a list as one row without a student,
-- are kept as they are: they cannot be split after the fact.
comment on column privacy.access_log.student_id is 'The student shown; null only on list rows written before V2';
comment on column privacy.access_log.student_count is 'How many students the read showed in all';

-- Reads are named by keys that the page puts into words in the reader's language.
update privacy.access_log set what = 'announcement.report' where what = 'announcement report: families not reached';
update privacy.access_log set purpose = 'inbox' where purpose = 'family inbox';

