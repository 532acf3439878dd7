create schema privacy;

-- The FERPA record of disclosures: who read or exported which student's records, when and why.
-- A single record is one row per student; a list or search is one row with its query and count.
create table privacy.access_log (
    id            uuid primary key,
    actor         text not null,
    student_id    uuid,
    what          text not null,
    purpose       text,
    query         text,
    student_count int not null,
    at            timestamp with time zone not null
);
create index access_log_by_student on privacy.access_log (student_id, at desc) where student_id is not null;
create index access_log_by_time on privacy.access_log (at desc);
