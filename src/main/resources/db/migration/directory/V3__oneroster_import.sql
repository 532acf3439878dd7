-- The district org of a OneRoster set is the district itself; courses are kept so that a class
-- may name a course sent in an earlier (delta) import.
alter table directory.district add column source_id text unique;

create table directory.course (
    id          uuid primary key,
    source_id   text not null unique,
    title       text not null,
    course_code text,
    active      boolean not null default true
);

-- One OneRoster import, from upload to outcome. Counts are per kind of record
-- ({"students": {"added": 3, "updated": 1, "deactivated": 0}, ...}); warnings, errors and
-- field-ownership conflicts are lists of {file, line, column, message}, capped by the importer.
create table directory.roster_import (
    id           uuid primary key,
    started_at   timestamp with time zone not null,
    finished_at  timestamp with time zone,
    status       text not null check (status in ('RUNNING', 'COMPLETED', 'REJECTED')),
    dry_run      boolean not null,
    forced       boolean not null,
    source_name  text not null,
    started_by   text not null,
    counts       jsonb not null default '{}',
    warnings     jsonb not null default '[]',
    errors       jsonb not null default '[]',
    conflicts    jsonb not null default '[]',
    reason       text,
    check ((status = 'RUNNING') = (finished_at is null))
);
create index roster_import_by_start on directory.roster_import (started_at desc);
